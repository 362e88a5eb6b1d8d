import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { orBack, notFound } from '#app/support/http'
import { deleteTag, tagsWithUsage, updateTag } from '#app/tags/tags'
import { TAG_COLORS, TAG_NAME_MAX } from '#app/tags/types'

const tagValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(TAG_NAME_MAX),
    color: vine.enum(TAG_COLORS),
  })
)

/** Administración › Etiquetas: rename, recolour and delete the organization's tags. */
export default class TagsAdminController {
  async index(ctx: HttpContext) {
    return ctx.inertia.render('admin/tags/index', {
      tags: await tagsWithUsage(ctx.organization.id),
      colors: [...TAG_COLORS],
    })
  }

  async update(ctx: HttpContext) {
    const { name, color } = await ctx.request.validateUsing(tagValidator)
    return orBack(ctx, async () => {
      const tag =
        (await updateTag({
          organizationId: ctx.organization.id,
          tagId: Number(ctx.params.id),
          name,
          color,
        })) ?? notFound()
      ctx.session.flash('success', ctx.i18n.t('admin.tags.saved', { name: tag.name }))
      return ctx.response.redirect().toRoute('admin.tags.index')
    })
  }

  async destroy(ctx: HttpContext) {
    const deleted = await deleteTag({
      organizationId: ctx.organization.id,
      tagId: Number(ctx.params.id),
    })
    if (!deleted) notFound()
    ctx.session.flash('success', ctx.i18n.t('admin.tags.deleted'))
    return ctx.response.redirect().toRoute('admin.tags.index')
  }
}
