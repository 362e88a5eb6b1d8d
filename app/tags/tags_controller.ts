import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { RuleError } from '#app/support/rule_error'
import { notFound, translateRule } from '#app/support/http'
import { ForbiddenException } from '#exceptions/forbidden_exception'
import { mayListTags, mayUseTags, tagResource } from './record_access.js'
import { setRecordTags } from './record_tags.js'
import { tagsOfRecord } from './taggings.js'
import { listTags } from './tags.js'
import { TAG_CHANGE_MAX, TAG_NAME_MAX } from './types.js'

const changeValidator = vine.compile(
  vine.object({
    add: vine
      .array(vine.number({ strict: true }).withoutDecimals().positive())
      .maxLength(TAG_CHANGE_MAX)
      .optional(),
    create: vine
      .array(vine.string().trim().minLength(1).maxLength(TAG_NAME_MAX))
      .maxLength(TAG_CHANGE_MAX)
      .optional(),
    remove: vine
      .array(vine.number({ strict: true }).withoutDecimals().positive())
      .maxLength(TAG_CHANGE_MAX)
      .optional(),
  })
)

const searchValidator = vine.compile(
  vine.object({ q: vine.string().trim().maxLength(TAG_NAME_MAX).optional() })
)

/**
 * Tags of records (JSON, for the record page's chips and the list's filter). Reading a record's
 * tags needs `<resource>.view` and the record in view scope; changing them `<resource>.edit`
 * (403 without it) and the record in edit scope. A record the user may not see answers 404.
 */
export default class TagsController {
  /**
   * The organization's tags (autocomplete): `?q=` narrows by folded name. 403 for a user who
   * views no resource that takes tags.
   */
  async index(ctx: HttpContext) {
    if (!(await mayListTags(ctx.access))) throw new ForbiddenException('tags')
    const { q } = await searchValidator.validate(ctx.request.qs())
    return { tags: await listTags(ctx.organization.id, { q, limit: q ? 20 : 500 }) }
  }

  async #record(ctx: HttpContext, action: 'view' | 'edit') {
    const resource = (await tagResource(String(ctx.params.resource))) ?? notFound()
    const recordId = Number(ctx.params.record)
    if (!(await mayUseTags(ctx.access, resource, recordId, 'view'))) notFound()
    if (action === 'edit') {
      ctx.access.authorize(`${resource.key}.edit`)
      if (!(await mayUseTags(ctx.access, resource, recordId, 'edit'))) notFound()
    }
    return { resource, recordId }
  }

  async show(ctx: HttpContext) {
    const { resource, recordId } = await this.#record(ctx, 'view')
    return { tags: await tagsOfRecord(ctx.organization.id, resource.key, recordId) }
  }

  /** `{ add: [id…], create: [name…], remove: [id…] }` → the record's tags; 422 with a message when refused. */
  async update(ctx: HttpContext) {
    const { resource, recordId } = await this.#record(ctx, 'edit')
    const body = await ctx.request.validateUsing(changeValidator)
    try {
      const { tags } = await setRecordTags({
        organizationId: ctx.organization.id,
        actorId: ctx.auth.getUserOrFail().id,
        resource: resource.key,
        subjectType: resource.subject,
        recordId,
        add: body.add ?? [],
        create: body.create ?? [],
        remove: body.remove ?? [],
      })
      return { tags }
    } catch (error) {
      if (!(error instanceof RuleError)) throw error
      return ctx.response.unprocessableEntity({
        message: translateRule(ctx, error.key, error.values),
      })
    }
  }
}
