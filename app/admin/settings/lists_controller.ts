import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import { listValuesValidator } from '#app/admin/settings/validators'
import { orBack } from '#app/support/http'
import { actor } from '#app/admin/http'
import { moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'
import { codeFromLabel, listDefinitions, lists, saveList } from '#app/settings/lists'

/** Administración › Listas: the editable lists of the organization's enabled modules. */
export default class ListsController {
  async index(ctx: HttpContext) {
    const organizationId = ctx.organization.id
    const [registry, enabled] = await Promise.all([
      moduleRegistry(),
      ctx.enabledModules ?? installer().then((i) => i.enabled(organizationId)),
    ])
    const available = registry.lists().filter((l) => enabled.has(l.module))
    const requested = String(ctx.request.input('list', ''))
    const current = available.find((l) => l.key === requested) ?? available[0] ?? null
    return ctx.inertia.render('admin/settings/lists', {
      lists: available.map((l) => ({
        key: l.key,
        label: ctx.i18n.t(l.label, {}, l.key),
        description: l.description ? ctx.i18n.t(l.description, {}, '') : '',
        editable: l.editable,
      })),
      current: current?.key ?? null,
      values: current
        ? (await lists.values(organizationId, current.key)).map((v) => ({
            code: v.code,
            labelEs: v.labels.es,
            labelEn: v.labels.en,
            active: v.active,
          }))
        : [],
    })
  }

  async update(ctx: HttpContext) {
    const key = String(ctx.params.key)
    const definition = (await listDefinitions()).get(key)
    // Only the lists of modules enabled for this organization, as the screen shows them.
    const enabled = await (ctx.enabledModules ??
      installer().then((i) => i.enabled(ctx.organization.id)))
    if (!definition || !enabled.has(definition.module))
      throw new Exception('Not found', { status: 404, code: 'E_ROW_NOT_FOUND' })
    const { values } = await ctx.request.validateUsing(listValuesValidator)
    return orBack(ctx, async () => {
      // New values get a code from their Spanish label, unique within the list.
      const taken = new Set(values.map((v) => v.code).filter(Boolean))
      const input = values.map((v) => {
        let code = v.code
        if (!code) {
          const base = codeFromLabel(v.labelEs)
          code = base
          for (let n = 2; taken.has(code); n++) code = `${base.slice(0, 36)}_${n}`
          taken.add(code)
        }
        return { code, labelEs: v.labelEs, labelEn: v.labelEn || v.labelEs, active: v.active }
      })
      await saveList(ctx.organization.id, key, input, ctx.i18n.locale, actor(ctx).actorId)
      const label = ctx.i18n.t(definition.label, {}, key)
      ctx.session.flash('success', ctx.i18n.t('admin.settings.lists.saved', { name: label }))
      return ctx.response
        .redirect()
        .toRoute('admin.settings.lists.index', {}, { qs: { list: key } })
    })
  }
}
