import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { orBack, notFound } from '#app/support/http'
import { recordsChanged } from '#app/support/cache'
import { tagResourceKeys } from '#app/tags/record_access'
import { deleteTag, tagsWithUsage, updateTag } from '#app/tags/tags'
import { TAG_COLORS, TAG_NAME_MAX } from '#app/tags/types'

const tagValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(TAG_NAME_MAX),
    color: vine.enum(TAG_COLORS),
  })
)

/** Lists show tags and filter by them: their cached pages go when a tag changes. */
async function tagsChanged(organizationId: number) {
  for (const resource of await tagResourceKeys()) await recordsChanged(organizationId, resource)
}

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
      await tagsChanged(ctx.organization.id)
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
    await tagsChanged(ctx.organization.id)
    ctx.session.flash('success', ctx.i18n.t('admin.tags.deleted'))
    return ctx.response.redirect().toRoute('admin.tags.index')
  }
}
