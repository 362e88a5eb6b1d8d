import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { auditFiltersValidator } from '#app/admin/audit/validators'
import { listAudit } from '#app/admin/audit/list_audit'
import { customFieldLabels } from '#app/custom_fields/definitions'
import {
  auditActions,
  auditSubjects,
  labelEntries,
  subjectListLabels,
  subjectNames,
} from '#app/admin/audit/subject_types'

export default class AuditController {
  async index(ctx: HttpContext) {
    // A bad filter in the address bar shows the unfiltered log rather than an error.
    const [, parsed] = await auditFiltersValidator.tryValidate(ctx.request.qs())
    const filters = parsed ?? {}
    const organizationId = ctx.organization.id
    const [page, users, subjects, actions] = await Promise.all([
      listAudit(organizationId, filters, ctx.auth.getUserOrFail().timezone),
      db
        .from('users')
        .where('organization_id', organizationId)
        .orderBy('full_name_normalized')
        .orderBy('id')
        .select('id', 'full_name'),
      auditSubjects(),
      auditActions(),
    ])
    const listLabels = await subjectListLabels(organizationId, subjects, ctx.i18n.locale)
    const customLabels = await customFieldLabels(organizationId)
    const names = subjectNames(ctx.i18n, subjects, listLabels, customLabels)
    return ctx.inertia.render('admin/audit/index', {
      entries: labelEntries(page.rows, ctx.i18n, subjects, listLabels, customLabels),
      next: page.next,
      prev: page.prev,
      offset: page.offset,
      count: page.count,
      filters: {
        actorId: filters.actorId ?? null,
        subjectType: filters.subjectType ?? '',
        subjectId: filters.subjectId ?? null,
        action: filters.action ?? null,
        from: filters.from ?? null,
        to: filters.to ?? null,
        cursor: filters.cursor ?? null,
        before: filters.before ?? null,
      },
      users: users.map((u) => ({ value: String(u.id), label: u.full_name })),
      // Every registered module's record types, so the filter needs no typing.
      subjectTypes: subjects.map((s) => ({ value: s.type, label: names.type(s.type) })),
      // The kernel's actions and every registered module's, labelled.
      actions: actions.map((a) => ({ value: a, label: names.action(a) })),
    })
  }
}
