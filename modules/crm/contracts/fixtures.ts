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

/** An open opportunity row in the default pipeline's first stage, 0 EUR. */
export async function insertOpportunityRow(
  organizationId: number,
  row: { name: string; companyId?: number | null; ownerId?: number | null }
): Promise<number> {
  const [stage] = await defaultStages(organizationId)
  const now = dbTimestamp()
  return insertId(db.connection(), 'crm_opportunities', {
    organization_id: organizationId,
    name: row.name,
    name_normalized: normalizeName(row.name),
    company_id: row.companyId ?? null,
    owner_id: row.ownerId ?? null,
    stage_id: stage.id,
    currency: 'EUR',
    amount_minor: '0',
    amount_org_minor: '0',
    exchange_rate: '1',
    weighted_org_minor: '0',
    probability: stage.probability,
    status: 'open',
    stage_entered_at: now,
    created_at: now,
    updated_at: now,
  })
}
