import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import { orBack } from '#app/support/http'
import { actor } from '#app/admin/http'
import { installer } from '#app/registry/services'
import { customFieldResources, customFields } from '#app/custom_fields/definitions'
import { deleteField, fieldUsage, moveField, saveField } from '#app/custom_fields/admin'
import { customFieldValidator, moveFieldValidator } from '#app/custom_fields/validator'
import type { CustomFieldsPageProps } from './dto.js'

/** Administración › Campos personalizados: fields of the resources that accept them. */
export default class CustomFieldsController {
  /** Resources of the organization's enabled modules that accept custom fields. */
  async #resources(ctx: HttpContext) {
    const enabled = await (ctx.enabledModules ??
      installer().then((i) => i.enabled(ctx.organization.id)))
    return (await customFieldResources()).filter((r) => enabled.has(r.module))
  }

  async #resource(ctx: HttpContext, key: string) {
    const found = (await this.#resources(ctx)).find((r) => r.key === key)
    if (!found) throw new Exception('Not found', { status: 404, code: 'E_ROW_NOT_FOUND' })
    return found
  }

  async index(ctx: HttpContext) {
    const available = await this.#resources(ctx)
    const requested = String(ctx.request.input('resource', ''))
    const current = available.find((r) => r.key === requested) ?? available[0] ?? null
    const fields = current
      ? await customFields(ctx.organization.id, current.key, { inactive: true })
      : []
    const props: CustomFieldsPageProps = {
      resources: available.map((r) => ({ key: r.key, label: ctx.i18n.t(r.label, {}, r.key) })),
      current: current?.key ?? null,
      fields: await Promise.all(
        fields.map(async (f) => ({
          id: f.id,
          key: f.key,
          label: f.label,
          type: f.type,
          required: f.required,
          showInList: f.showInList,
          active: f.active,
          decimals: f.options.decimals ?? 0,
          choices: f.options.choices ?? [],
          used: await fieldUsage(f.id),
        }))
      ),
    }
    return ctx.inertia.render('admin/custom_fields/index', { ...props })
  }

  async store(ctx: HttpContext) {
    const data = await ctx.request.validateUsing(customFieldValidator)
    await this.#resource(ctx, data.resource)
    return orBack(ctx, async () => {
      const field = await saveField(actor(ctx), data.resource, data)
      ctx.session.flash('success', ctx.i18n.t('custom_fields.admin.created', { name: field.label }))
      return this.#back(ctx, data.resource)
    })
  }

  async update(ctx: HttpContext) {
    const data = await ctx.request.validateUsing(customFieldValidator)
    await this.#resource(ctx, data.resource)
    return orBack(ctx, async () => {
      const field = await saveField(actor(ctx), data.resource, data, Number(ctx.params.id))
      ctx.session.flash('success', ctx.i18n.t('custom_fields.admin.updated', { name: field.label }))
      return this.#back(ctx, data.resource)
    })
  }

  async move(ctx: HttpContext) {
    const { direction } = await ctx.request.validateUsing(moveFieldValidator)
    return orBack(ctx, async () => {
      await moveField(actor(ctx), Number(ctx.params.id), direction)
      return ctx.response.redirect().back()
    })
  }

  async destroy(ctx: HttpContext) {
    return orBack(ctx, async () => {
      const field = await deleteField(actor(ctx), Number(ctx.params.id))
      ctx.session.flash('success', ctx.i18n.t('custom_fields.admin.deleted', { name: field.label }))
      return this.#back(ctx, field.resource)
    })
  }

  #back(ctx: HttpContext, resource: string) {
    return ctx.response.redirect().toRoute('admin.custom_fields.index', {}, { qs: { resource } })
  }
}
