/*
 * Bare CRM rows for the tests and demo data of modules that depend on the CRM (mail capture
 * links to companies and contacts): straight inserts, no history, no scope checks. Never
 * used by request handling.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { normalizeEmail, normalizeName } from '../support/normalize.js'
import { domainKey } from '../support/keys.js'
import { defaultStages } from '../support/opportunities_stages.js'
import { ensureActivityTypes } from '../activities/types.js'

type Client = TransactionClientContract | typeof db

/** A company row; `website` also sets the web domain mail is linked by. */
export async function insertCompanyRow(
  organizationId: number,
  row: { name: string; website?: string | null; ownerId?: number | null; type?: string },
  client: Client = db
): Promise<number> {
  const now = dbTimestamp()
  return insertId(
    client === db ? db.connection() : (client as TransactionClientContract),
    'crm_companies',
    {
      organization_id: organizationId,
      name: row.name,
      name_normalized: normalizeName(row.name),
      type: row.type ?? 'cliente',
      website: row.website ?? null,
      website_domain: row.website ? domainKey(row.website) : null,
      owner_id: row.ownerId ?? null,
      created_at: now,
      updated_at: now,
    }
  )
}

/** A contact row with one primary e-mail address. */
export async function insertContactRow(
  organizationId: number,
  row: {
    firstName: string
    lastName: string
    email?: string | null
    companyId?: number | null
    ownerId?: number | null
  },
  client: Client = db
): Promise<number> {
  const now = dbTimestamp()
  const conn = client === db ? db.connection() : (client as TransactionClientContract)
  const id = await insertId(conn, 'crm_contacts', {
    organization_id: organizationId,
    first_name: row.firstName,
    last_name: row.lastName,
    name_normalized: normalizeName(`${row.firstName} ${row.lastName}`),
    last_name_normalized: normalizeName(row.lastName),
    company_id: row.companyId ?? null,
    owner_id: row.ownerId ?? null,
    created_at: now,
    updated_at: now,
  })
  if (row.email)
    await conn.table('crm_emails').insert({
      organization_id: organizationId,
      contact_id: id,
      value: row.email,
      value_normalized: normalizeEmail(row.email),
      is_primary: true,
    })
  return id
}

/**
 * A team's own pipeline: its stages in the order given (positions 0, 1, …), id by name. The
 * organization's default pipeline is seeded first, as the CRM does on first use.
 */
export async function insertTeamStages(
  organizationId: number,
  teamId: number,
  stages: { name: string; probability?: number; isWon?: boolean; isLost?: boolean }[]
): Promise<Record<string, number>> {
  await defaultStages(organizationId)
  const now = dbTimestamp()
  const out: Record<string, number> = {}
  for (const [position, s] of stages.entries())
    out[s.name] = await insertId(db.connection(), 'crm_pipeline_stages', {
      organization_id: organizationId,
      team_id: teamId,
      name: s.name,
      probability: s.probability ?? 0,
      is_won: s.isWon ?? false,
      is_lost: s.isLost ?? false,
      position,
      created_at: now,
      updated_at: now,
    })
  return out
}

/** The organization's default pipeline stages (seeded on first use), id by name. */
export async function pipelineStageIds(organizationId: number): Promise<Record<string, number>> {
  const stages = await defaultStages(organizationId)
  return Object.fromEntries(stages.map((s) => [s.name, s.id]))
}

/**
 * An opportunity row in the organization's currency (rate 1), open, in `stageId` (the default
 * pipeline's first stage when not given) for `amountMinor` (0 when not given); the weighted
 * amount comes from `probability` (the stage's when not given). `columns` overrides any column.
 */
export async function insertOpportunityRow(
  organizationId: number,
  row: {
    name: string
    companyId?: number | null
    ownerId?: number | null
    stageId?: number
    amountMinor?: number
  },
  columns: Record<string, unknown> = {}
): Promise<number> {
  const stages = await defaultStages(organizationId)
  const stage = stages.find((s) => s.id === row.stageId) ?? stages[0]
  const now = dbTimestamp()
  const probability = Number(columns.probability ?? stage.probability)
  const amount = BigInt(row.amountMinor ?? 0)
  return insertId(db.connection(), 'crm_opportunities', {
    organization_id: organizationId,
    name: row.name,
    name_normalized: normalizeName(row.name),
    company_id: row.companyId ?? null,
    owner_id: row.ownerId ?? null,
    stage_id: stage.id,
    currency: 'EUR',
    amount_minor: amount.toString(),
    amount_org_minor: amount.toString(),
    exchange_rate: '1',
    weighted_org_minor: ((amount * BigInt(probability)) / 100n).toString(),
    probability,
    status: 'open',
    stage_entered_at: now,
    created_at: now,
    updated_at: now,
    ...columns,
  })
}

/** A lead row (status `new` unless given). */
export async function insertLeadRow(
  organizationId: number,
  row: { title: string; ownerId?: number | null },
  columns: Record<string, unknown> = {}
): Promise<number> {
  const now = dbTimestamp()
  return insertId(db.connection(), 'crm_leads', {
    organization_id: organizationId,
    title: row.title,
    owner_id: row.ownerId ?? null,
    status: 'new',
    created_at: now,
    updated_at: now,
    ...columns,
  })
}

/** An activity row (a call, open, due now unless given), assigned to `assigneeId`. */
export async function insertActivityRow(
  organizationId: number,
  row: { title: string; assigneeId?: number | null },
  columns: Record<string, unknown> = {}
): Promise<number> {
  await ensureActivityTypes(organizationId)
  const type = await db
    .from('crm_activity_types')
    .where('organization_id', organizationId)
    .orderBy('position')
    .select('id')
    .firstOrFail()
  const now = dbTimestamp()
  return insertId(db.connection(), 'crm_activities', {
    organization_id: organizationId,
    type_id: type.id,
    title: row.title,
    assignee_id: row.assigneeId ?? null,
    due_at: now,
    all_day: false,
    duration_min: 30,
    status: 'open',
    created_at: now,
    updated_at: now,
    ...columns,
  })
}
