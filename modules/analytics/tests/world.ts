import type Organization from '#models/organization'
import type User from '#models/user'
import type { Scope } from '#app/registry/types'
import { createOrganization, createUser } from '#tests/helpers/world'
import {
  insertActivityRow,
  insertLeadRow,
  insertOpportunityRow,
  pipelineStageIds,
} from '#modules/crm/contracts/index'

const RESOURCES = ['crm.opportunities', 'crm.leads', 'crm.activities', 'crm.companies']

/**
 * A user who may query analytics and view the CRM's records at one scope (and the `extra`
 * resources' too, e.g. `crm.quotas`).
 */
export function analyticsUser(
  org: Organization,
  scope: Scope,
  attributes: Partial<User> = {},
  extra: string[] = []
) {
  const resources = [...RESOURCES, ...extra]
  return createUser(
    org,
    {
      permissions: ['analytics.view', ...resources.map((r) => `${r}.view`)],
      scopes: Object.fromEntries(resources.map((r) => [r, scope])),
    },
    attributes
  )
}

const EURO = 100

/**
 * manager ─┬─ rep       outsider: nobody's report.   Another organization has its own rows.
 *          └─ rep2
 * Opportunities (euros, probability %, created, closed):
 *   rep:      1000 · 10 % · 2026-01-15 · open    (En análisis)
 *             4000 · 40 % · 2026-02-10 · open    (Oferta presentada)
 *             2000 · 50 % · 2026-01-10 · won  2026-02-20 (41 days)   (Oferta presentada)
 *   rep2:     3000 · 10 % · 2026-02-05 · open    (En análisis)
 *              500 · 20 % · 2026-02-01 · lost 2026-03-01 (28 days)   (En análisis)
 *   outsider: 7000 · 10 % · 2026-03-03 · open    (En análisis)
 * Leads: rep 2 (one converted), rep2 1, outsider 1. Activities: rep one done and one
 * overdue, rep2 one open due in the future.
 */
export async function analyticsWorld() {
  const org = await createOrganization(['crm', 'analytics'])
  const manager = await analyticsUser(org, 'hierarchy', { fullName: 'Marta Gerente' })
  const rep = await analyticsUser(org, 'own', {
    fullName: 'Rafa Comercial',
    reportsToId: manager.id,
  })
  const rep2 = await analyticsUser(org, 'own', {
    fullName: 'Rita Comercial',
    reportsToId: manager.id,
  })
  const outsider = await analyticsUser(org, 'own', { fullName: 'Óscar Externo' })
  const admin = await createUser(org, { isAdmin: true }, { fullName: 'Ana Admin' })
  const stages = await pipelineStageIds(org.id)
  const analysis = stages['En análisis']
  const offer = stages['Oferta presentada']
  const opp = (
    who: User,
    stageId: number,
    euros: number,
    probability: number,
    created: string,
    extra: Record<string, unknown> = {}
  ) =>
    insertOpportunityRow(
      org.id,
      { name: `Opp ${who.fullName} ${euros}`, stageId, ownerId: who.id, amountMinor: euros * EURO },
      { probability, created_at: `${created} 10:00:00`, ...extra }
    )
  await opp(rep, analysis, 1000, 10, '2026-01-15')
  await opp(rep, offer, 4000, 40, '2026-02-10')
  await opp(rep, offer, 2000, 50, '2026-01-10', { status: 'won', won_at: '2026-02-20 12:00:00' })
  await opp(rep2, analysis, 3000, 10, '2026-02-05')
  await opp(rep2, analysis, 500, 20, '2026-02-01', {
    status: 'lost',
    lost_at: '2026-03-01 09:00:00',
  })
  await opp(outsider, analysis, 7000, 10, '2026-03-03')

  await insertLeadRow(org.id, { title: 'Lead A', ownerId: rep.id })
  await insertLeadRow(org.id, { title: 'Lead B', ownerId: rep.id }, { status: 'converted' })
  await insertLeadRow(org.id, { title: 'Lead C', ownerId: rep2.id })
  await insertLeadRow(org.id, { title: 'Lead D', ownerId: outsider.id })

  await insertActivityRow(
    org.id,
    { title: 'Hecha', assigneeId: rep.id },
    { status: 'done', done_at: '2026-01-20 10:00:00', due_at: '2026-01-20 10:00:00' }
  )
  await insertActivityRow(
    org.id,
    { title: 'Vencida', assigneeId: rep.id },
    { due_at: '2020-01-01 10:00:00' }
  )
  await insertActivityRow(
    org.id,
    { title: 'Futura', assigneeId: rep2.id },
    { due_at: '2099-01-01 10:00:00' }
  )

  const other = await createOrganization(['crm', 'analytics'])
  const stranger = await analyticsUser(other, 'all', { fullName: 'Otra Empresa' })
  const otherStages = await pipelineStageIds(other.id)
  await insertOpportunityRow(other.id, {
    name: 'Ajena',
    stageId: otherStages['En análisis'],
    ownerId: stranger.id,
    amountMinor: 99_999 * EURO,
  })
  await insertLeadRow(other.id, { title: 'Ajeno', ownerId: stranger.id })

  return { org, other, users: { manager, rep, rep2, outsider, admin, stranger } }
}
