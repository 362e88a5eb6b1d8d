import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import type User from '#models/user'
import { createOrganization, createUser } from '#tests/helpers/world'
import {
  insertActivityRow,
  insertCompanyRow,
  insertOpportunityRow,
  insertQuotaRow,
} from '#modules/crm/contracts/index'
import { createRule } from '../alerts/rules.js'
import type { AlertRuleInput } from '../dto/alerts.js'
import { analyticsUser } from './world.js'

/** "Now" of the alert tests: Friday 20 March 2026, 11:00 in Madrid (UTC+1). */
export const NOW = new Date('2026-03-20T10:00:00Z')

/** The role (one per test user) a user holds: the rules notify roles. */
export async function roleOf(user: User): Promise<number> {
  const row = await db.from('user_roles').where('user_id', user.id).select('role_id').first()
  return Number(row.role_id)
}

export async function rule(org: Organization, values: Partial<AlertRuleInput>) {
  return createRule(
    org.id,
    {
      name: 'Regla',
      kind: 'overdue_activities',
      enabled: true,
      params: {},
      roleIds: [],
      createTask: false,
      taskType: null,
      taskDueDays: null,
      ...values,
    },
    null
  )
}

/**
 * manager ─┬─ rep (own)       manager: hierarchy scope (CRM records and quotas); `boss` manages the rules.
 *          └─ rep2 (own)
 * Quotas 2026 (each month 1 000 €): rep won 300 € in March (30.0 %) and 500 € in February;
 *   rep2 won 600 € in March (60.0 %).
 * Activities (open unless said): rep 3 overdue (1, 2, 3 March), 1 done (2 March), 1 due in
 *   April; rep2 2 overdue (10 March).
 * Companies with open opportunities (30 days before NOW = 18 February, 10:00 UTC):
 *   Quieta SA (rep)    opp of 10 Jan, last activity on the company 1 Feb        → quiet
 *   Activa SL (rep2)   opp of 10 Jan, activity on the opportunity done 10 Mar   → not quiet
 *   Ganada SA (rep)    only a won opportunity                                   → not
 *   Olvidada SL (rep2) opps of 15 Jan and 1 Mar, never an activity              → quiet (2)
 *   Nueva SL (rep)     opp of 10 Mar                                            → too new
 */
export async function alertsWorld() {
  const org = await createOrganization(['crm', 'analytics'])
  const quotas = ['crm.quotas']
  const manager = await analyticsUser(org, 'hierarchy', { fullName: 'Marta Gerente' }, quotas)
  const rep = await analyticsUser(
    org,
    'own',
    { fullName: 'Rafa Comercial', reportsToId: manager.id },
    quotas
  )
  const rep2 = await analyticsUser(
    org,
    'own',
    { fullName: 'Rita Comercial', reportsToId: manager.id },
    quotas
  )
  const boss = await createUser(
    org,
    { permissions: ['analytics.view', 'analytics.alerts.manage'] },
    { fullName: 'Berta Directora' }
  )

  await insertQuotaRow(org.id, { kind: 'user', userId: rep.id }, 2026, Array(12).fill(100_000))
  await insertQuotaRow(org.id, { kind: 'user', userId: rep2.id }, 2026, Array(12).fill(100_000))
  const won = (owner: User, amount: number, at: string) =>
    insertOpportunityRow(
      org.id,
      { name: `Ganada ${owner.fullName} ${at}`, ownerId: owner.id, amountMinor: amount },
      { status: 'won', won_at: `${at} 12:00:00`, created_at: '2026-01-02 10:00:00' }
    )
  await won(rep, 30_000, '2026-03-05')
  await won(rep, 50_000, '2026-02-05')
  await won(rep2, 60_000, '2026-03-06')

  const activity = (who: User, due: string, extra: Record<string, unknown> = {}) =>
    insertActivityRow(
      org.id,
      { title: `Actividad ${due}`, assigneeId: who.id },
      { due_at: `${due} 09:00:00`, created_at: '2026-01-01 09:00:00', ...extra }
    )
  await activity(rep, '2026-03-01')
  await activity(rep, '2026-03-02')
  await activity(rep, '2026-03-03')
  await activity(rep, '2026-03-02', { status: 'done', done_at: '2026-03-02 10:00:00' })
  await activity(rep, '2026-04-01')
  await activity(rep2, '2026-03-10')
  await activity(rep2, '2026-03-10')

  const company = (name: string, owner: User) =>
    insertCompanyRow(org.id, { name, ownerId: owner.id })
  const open = (companyId: number, owner: User, created: string) =>
    insertOpportunityRow(
      org.id,
      { name: `Oportunidad ${companyId} ${created}`, companyId, ownerId: owner.id },
      { created_at: `${created} 10:00:00` }
    )
  const quiet = await company('Quieta SA', rep)
  await open(quiet, rep, '2026-01-10')
  await activity(rep, '2026-02-01', {
    subject_type: 'crm.company',
    subject_id: quiet,
    status: 'done',
    done_at: '2026-02-01 10:00:00',
    created_at: '2026-01-30 10:00:00',
  })
  const active = await company('Activa SL', rep2)
  const activeOpp = await open(active, rep2, '2026-01-10')
  await activity(rep2, '2026-03-10', {
    subject_type: 'crm.opportunity',
    subject_id: activeOpp,
    status: 'done',
    done_at: '2026-03-10 10:00:00',
    created_at: '2026-01-05 10:00:00',
  })
  const wonCompany = await company('Ganada SA', rep)
  await insertOpportunityRow(
    org.id,
    { name: 'Cerrada', companyId: wonCompany, ownerId: rep.id },
    { status: 'won', won_at: '2025-12-01 10:00:00', created_at: '2025-11-01 10:00:00' }
  )
  const forgotten = await company('Olvidada SL', rep2)
  await open(forgotten, rep2, '2026-01-15')
  await open(forgotten, rep2, '2026-03-01')
  const fresh = await company('Nueva SL', rep)
  await open(fresh, rep, '2026-03-10')

  return {
    org,
    users: { manager, rep, rep2, boss },
    companies: { quiet, active, wonCompany, forgotten, fresh },
  }
}

/** The alerts of an organization, oldest first. */
export function alertRows(organizationId: number) {
  return db
    .from('analytics_alerts')
    .where('organization_id', organizationId)
    .orderBy('id')
    .select('rule_id', 'subject_type', 'subject_id', 'generation', 'owner_id', 'status', 'params')
}

/** Alert notifications of an organization: recipient and message params. */
export async function alertNotifications(organizationId: number) {
  const rows = await db
    .from('notifications')
    .where({ organization_id: organizationId, kind: 'analytics.alert' })
    .orderBy('id')
    .select('user_id', 'message_key', 'message_params', 'link')
  return rows.map((r) => ({
    userId: Number(r.user_id),
    key: String(r.message_key),
    params: JSON.parse(r.message_params),
    link: r.link,
  }))
}
