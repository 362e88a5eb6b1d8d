import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { auditFiltersValidator } from '#validators/admin/audit'
import { listAudit } from '#app/admin/audit/list_audit'
import { KERNEL_SUBJECT_TYPES } from '#app/admin/audit/subject_labels'

export default class AuditController {
  async index(ctx: HttpContext) {
    // A bad filter in the address bar shows the unfiltered log rather than an error.
    const [, parsed] = await auditFiltersValidator.tryValidate(ctx.request.qs())
    const filters = parsed ?? {}
    const organizationId = ctx.organization.id
    const [page, users] = await Promise.all([
      listAudit(organizationId, filters, ctx.auth.getUserOrFail().timezone),
      db.from('users').where('organization_id', organizationId).orderBy('full_name').select('id', 'full_name'),
    ])
    return ctx.inertia.render('admin/audit/index', {
      entries: page.rows,
      next: page.next,
      count: page.count,
      filters: {
        actorId: filters.actorId ?? null,
        subjectType: filters.subjectType ?? '',
        subjectId: filters.subjectId ?? null,
        action: filters.action ?? null,
        from: filters.from ?? null,
        to: filters.to ?? null,
        cursor: filters.cursor ?? null,
      },
      users: users.map((u) => ({ value: String(u.id), label: u.full_name })),
      subjectTypes: KERNEL_SUBJECT_TYPES,
    })
  }
}
