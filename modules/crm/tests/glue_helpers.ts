import db from '@adonisjs/lucid/services/db'
import User from '#models/user'

/*
 * The scope matrix's expectations, computed from owner ids in plain SQL — on purpose NOT
 * through app/access, so that a scope check removed or widened anywhere shows up as a
 * difference between what the HTTP API returns and what these sets say.
 */

export type ScopeKind = 'all' | 'team' | 'hierarchy' | 'own'

export interface DemoRole {
  email: string
  /** The record scope the README promises this demo role. */
  scope: ScopeKind
  /** Holds crm.companies.export / crm.contacts.export (DEMO_GRANTS in module.ts). */
  exports: boolean
}

/** The demo users (app/kernel/demo.ts, README "Usuarios de demostración"). */
export const DEMO_ROLES: Record<string, DemoRole> = {
  admin: { email: 'admin@demo.cartera.es', scope: 'all', exports: true },
  director: { email: 'gerente@demo.cartera.es', scope: 'all', exports: true },
  leader: { email: 'jefe.norte@demo.cartera.es', scope: 'team', exports: true },
  zone: { email: 'jefa.sur@demo.cartera.es', scope: 'hierarchy', exports: true },
  rep: { email: 'ventas1@demo.cartera.es', scope: 'own', exports: false },
  rep2: { email: 'ventas2@demo.cartera.es', scope: 'own', exports: false },
  support: { email: 'soporte@demo.cartera.es', scope: 'all', exports: true },
}

export const demoUser = (organizationId: number, email: string) =>
  User.query().where({ organization_id: organizationId, email }).firstOrFail()

/** Owner ids a scope reaches; null for `all`. Team and hierarchy as README "Permisos" says. */
export async function ownersOf(
  organizationId: number,
  userId: number,
  scope: ScopeKind
): Promise<Set<number> | null> {
  if (scope === 'all') return null
  const owners = new Set([userId])
  if (scope === 'team') {
    const teams = await db
      .from('teams')
      .where('organization_id', organizationId)
      .where((w) =>
        w
          .where('leader_id', userId)
          .orWhereIn('id', db.from('team_members').where('user_id', userId).select('team_id'))
      )
      .select('id', 'leader_id')
    for (const t of teams) if (t.leader_id) owners.add(Number(t.leader_id))
    const members = await db
      .from('team_members')
      .whereIn(
        'team_id',
        teams.map((t) => t.id)
      )
      .select('user_id')
    for (const m of members) owners.add(Number(m.user_id))
  }
  if (scope === 'hierarchy') {
    // Everyone who reports to me, directly or through others.
    let frontier = [userId]
    while (frontier.length) {
      const rows = await db
        .from('users')
        .where('organization_id', organizationId)
        .whereIn('reports_to_id', frontier)
        .select('id')
      frontier = rows.map((r) => Number(r.id)).filter((id) => !owners.has(id))
      for (const id of frontier) owners.add(id)
    }
  }
  return owners
}

export interface Expected {
  companies: Set<number>
  contacts: Set<number>
  /** The leads list: plus the unowned leads queued for a team the reader leads. */
  leads: Set<number>
  opportunities: Set<number>
  activities: Set<number>
}

async function ids(
  table: string,
  organizationId: number,
  owners: Set<number> | null,
  options: { ownerColumn?: string; live?: boolean } = {}
) {
  const query = db.from(table).where('organization_id', organizationId).select('id')
  if (options.live !== false) query.whereNull('deleted_at')
  if (owners) query.whereIn(options.ownerColumn ?? 'owner_id', [...owners])
  return new Set((await query).map((r) => Number(r.id)))
}

/** What a user with `owners` may see of each record type. */
export async function expectedSets(
  organizationId: number,
  userId: number,
  owners: Set<number> | null
): Promise<Expected> {
  const led = (
    await db.from('teams').where({ organization_id: organizationId, leader_id: userId })
  ).map((t) => Number(t.id))
  const leads = await ids('crm_leads', organizationId, owners)
  if (owners && led.length) {
    const queued = await db
      .from('crm_leads')
      .where('organization_id', organizationId)
      .whereNull('deleted_at')
      .whereNull('owner_id')
      .whereIn('team_id', led)
      .select('id')
    for (const r of queued) leads.add(Number(r.id))
  }
  return {
    companies: await ids('crm_companies', organizationId, owners),
    contacts: await ids('crm_contacts', organizationId, owners),
    leads,
    opportunities: await ids('crm_opportunities', organizationId, owners),
    activities: await ids('crm_activities', organizationId, owners, {
      ownerColumn: 'assignee_id',
      live: false,
    }),
  }
}

/** The first live row of `table` NOT in `visible` (an out-of-scope record), by id. */
export async function firstOutside(table: string, organizationId: number, visible: Set<number>) {
  const query = db.from(table).where('organization_id', organizationId).orderBy('id').select('id')
  if (table !== 'crm_activities') query.whereNull('deleted_at')
  const row = (await query).find((r) => !visible.has(Number(r.id)))
  return row ? Number(row.id) : null
}

/** Sums of a board column as the SQL over the expected set gives them (minor units, BigInt). */
export async function expectedColumnSums(
  stageIds: number[],
  visible: Set<number>,
  teamId: number | null
) {
  const query = db
    .from('crm_opportunities')
    .whereIn('stage_id', stageIds)
    .whereNull('deleted_at')
    .select('id', 'stage_id', 'amount_org_minor', 'weighted_org_minor')
  // A team's board shows that team's opportunities (Centro shares the default stages).
  if (teamId) query.where('team_id', teamId)
  const rows = await query
  const sums = new Map(stageIds.map((id) => [id, { count: 0, total: 0n, weighted: 0n }]))
  for (const r of rows) {
    if (!visible.has(Number(r.id))) continue
    const s = sums.get(Number(r.stage_id))!
    s.count++
    s.total += BigInt(String(r.amount_org_minor))
    s.weighted += BigInt(String(r.weighted_org_minor))
  }
  return sums
}

/** `values` all in `set` (the ids that are not, for a readable failure). */
export const outside = (values: Iterable<number>, set: Set<number>) =>
  [...values].filter((v) => !set.has(v))

type RecordIds = Record<'company' | 'contact' | 'lead' | 'opportunity' | 'activity', number | null>

/** Page, edit (or JSON read) and one write of each record type: all must answer 404. */
export function writeAndReadRequests(id: RecordIds, stageId: number | null) {
  const note = { body: 'No debería guardarse' }
  return [
    ['company', 'get', `/crm/companies/${id.company}`],
    ['company', 'get', `/crm/companies/${id.company}/edit`],
    ['company', 'post', `/crm/companies/${id.company}/notes`, note],
    ['contact', 'get', `/crm/contacts/${id.contact}`],
    ['contact', 'get', `/crm/contacts/${id.contact}/edit`],
    ['contact', 'post', `/crm/contacts/${id.contact}/notes`, note],
    ['lead', 'get', `/crm/leads/${id.lead}`],
    ['lead', 'get', `/crm/leads/${id.lead}/edit`],
    ['lead', 'post', `/crm/leads/${id.lead}/notes`, note],
    ['opportunity', 'get', `/crm/opportunities/${id.opportunity}`],
    ['opportunity', 'get', `/crm/opportunities/${id.opportunity}/timeline`],
    ['opportunity', 'patch', `/crm/opportunities/${id.opportunity}/stage`, { stageId }],
    ['activity', 'get', `/crm/activities/${id.activity}`],
    ['activity', 'post', `/crm/activities/${id.activity}/complete`, { outcome: 'Hecho' }],
  ] as const
}

/** One record of each type the reader may not see (null when she sees them all). */
export async function outOfScopeIds(
  organizationId: number,
  expected: Expected
): Promise<RecordIds> {
  return {
    company: await firstOutside('crm_companies', organizationId, expected.companies),
    contact: await firstOutside('crm_contacts', organizationId, expected.contacts),
    lead: await firstOutside('crm_leads', organizationId, expected.leads),
    opportunity: await firstOutside('crm_opportunities', organizationId, expected.opportunities),
    activity: await firstOutside('crm_activities', organizationId, expected.activities),
  }
}

/**
 * What the search test asks for: the names of a company, a contact and an opportunity the
 * reader may not see (for scope `all`: of any company and contact, which she must then find;
 * `id` null where finding it is not asserted — opportunities are indexed by the pipeline).
 */
export async function searchTerms(organizationId: number, expected: Expected, all: Expected) {
  const companyId =
    (await firstOutside('crm_companies', organizationId, expected.companies)) ??
    [...all.companies][0]
  const contactId =
    (await firstOutside('crm_contacts', organizationId, expected.contacts)) ?? [...all.contacts][0]
  const company = await db.from('crm_companies').where('id', companyId).first()
  const contact = await db.from('crm_contacts').where('id', contactId).first()
  const terms: { q: string; type: keyof Expected; id: number | null }[] = [
    { q: company.name, type: 'companies', id: companyId },
    {
      q: `${contact.first_name} ${contact.last_name ?? ''}`.trim(),
      type: 'contacts',
      id: contactId,
    },
  ]
  const dealId = await firstOutside('crm_opportunities', organizationId, expected.opportunities)
  const deal = dealId ? await db.from('crm_opportunities').where('id', dealId).first() : null
  if (deal) terms.push({ q: deal.name, type: 'opportunities', id: null })
  return terms
}
