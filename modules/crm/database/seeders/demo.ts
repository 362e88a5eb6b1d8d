import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DemoSeedParams } from '#app/registry/types'
import { dbTimestamp } from '#app/support/dates'
import { normalizeEmail, normalizeName, normalizePhone } from '../../support/normalize.js'
import { companyNameKey, domainKey } from '../../support/keys.js'
import { insertInBatches } from '#app/support/db'
import { timeline, type TimelineEntryInput } from '#app/history/timeline'
import { generate } from './demo_generate.js'
import { NOTES } from './demo_data.js'
import { indexCompanies, indexContacts } from '../../search/sync.js'
import { ensureTags, TAGGINGS } from '#app/tags/tags'
import seedLeadsDemo from './demo_leads.js'
import seedAssignmentDemo from '../../assignment/demo.js'
import seedPipelineDemo from './demo_pipeline.js'
import seedActivitiesDemo from './demo_activities.js'
import seedAccountsDemo from './demo_accounts.js'
import seedQuotasDemo from './demo_quotas.js'
import seedDashboardsDemo from './demo_dashboards.js'

const DAY = 86_400_000

/** The demo organization's tags. */
const DEMO_TAGS = ['Cliente VIP', 'Frío', 'Recomendado', 'Feria 2026', 'Pago lento', 'Distribuidor']

/**
 * ~300 Spanish companies and ~700 contacts for the demo organization, the same every time
 * (seeded random). Owners are spread over the sales people so each demo role sees a
 * different part. Multi-row inserts in one transaction: a couple of seconds at most.
 */
export default async function seedCrmDemo({ organizationId, users, random }: DemoSeedParams) {
  const { companies, contacts } = generate(random)
  const now = Date.now()
  const at = (daysAgo: number) =>
    dbTimestamp(new Date(now - daysAgo * DAY - Math.floor(random() * DAY)))
  const ownerId = (key: string) => users[key] ?? users.admin

  await db.transaction(async (trx) => {
    const companyRows = companies.map((c) => {
      const created = at(c.daysAgo)
      return {
        organization_id: organizationId,
        name: c.name,
        name_normalized: normalizeName(c.name),
        // The duplicate keys imports and lead matching look up (as companyColumns sets them).
        name_key: companyNameKey(c.name),
        website_domain: c.website ? domainKey(c.website) : null,
        legal_name: c.legalName,
        legal_name_normalized: c.legalName ? normalizeName(c.legalName) : null,
        type: c.type,
        nif: c.nif,
        website: c.website,
        industry: c.industry,
        owner_id: ownerId(c.ownerKey),
        description: null,
        created_by: ownerId(c.ownerKey),
        created_at: created,
        updated_at: created,
      }
    })
    const companyIds = await insertReturningIds(trx, 'crm_companies', organizationId, companyRows)

    const addresses = companies.flatMap((c, i) => {
      const [city, province, code] = c.city
      const address = (kind: string, street: string, position: number) => ({
        organization_id: organizationId,
        company_id: companyIds[i],
        kind,
        street,
        postal_code: `${code}${String(Math.floor(random() * 990)).padStart(3, '0')}`,
        city,
        city_normalized: normalizeName(city, 100),
        province,
        country: 'ES',
        position,
      })
      return c.shipping
        ? [address('fiscal', c.street, 0), address('envio', c.shipping, 1)]
        : [address('fiscal', c.street, 0)]
    })
    await insertInBatches(trx, 'crm_addresses', addresses)

    // Contacts by level so every manager has an id before the people reporting to them.
    const contactIds: number[] = []
    const level = (i: number): number =>
      contacts[i].manager === null ? 0 : 1 + level(contacts[i].manager!)
    for (let depth = 0; depth < 4; depth++) {
      const batch = contacts.map((c, i) => ({ c, i })).filter(({ i }) => level(i) === depth)
      if (!batch.length) continue
      const ids = await insertReturningIds(
        trx,
        'crm_contacts',
        organizationId,
        batch.map(({ c }) => {
          const created = at(c.daysAgo)
          return {
            organization_id: organizationId,
            company_id: c.company === null ? null : companyIds[c.company],
            first_name: c.first,
            last_name: c.last,
            name_normalized: normalizeName(`${c.first} ${c.last}`, 260),
            last_name_normalized: normalizeName(c.last, 150),
            position: c.position,
            department: c.department,
            reports_to_id: c.manager === null ? null : contactIds[c.manager],
            owner_id: ownerId(c.ownerKey),
            notes: null,
            created_by: ownerId(c.ownerKey),
            created_at: created,
            updated_at: created,
          }
        })
      )
      batch.forEach(({ i }, k) => (contactIds[i] = ids[k]))
    }

    const channel = (
      parent: { company_id: number | null; contact_id: number | null },
      list: [string, string][],
      phone: boolean
    ) =>
      list.map(([label, value], position) => ({
        // Phones stored as the form stores them (E.164); pages group them for reading.
        organization_id: organizationId,
        ...parent,
        label,
        value: phone ? normalizePhone(value) : value,
        value_normalized: phone ? normalizePhone(value) : normalizeEmail(value),
        is_primary: position === 0,
        position,
      }))
    await insertInBatches(trx, 'crm_phones', [
      ...companies.flatMap((c, i) =>
        channel({ company_id: companyIds[i], contact_id: null }, c.phones, true)
      ),
      ...contacts.flatMap((c, i) =>
        channel({ company_id: null, contact_id: contactIds[i] }, c.phones, true)
      ),
    ])
    await insertInBatches(trx, 'crm_emails', [
      ...companies.flatMap((c, i) =>
        channel({ company_id: companyIds[i], contact_id: null }, c.emails, false)
      ),
      ...contacts.flatMap((c, i) =>
        channel({ company_id: null, contact_id: contactIds[i] }, c.emails, false)
      ),
    ])

    // History: a "created" entry for every record and a few notes, as the app itself writes them.
    const events: (TimelineEntryInput & { createdAt: string })[] = []
    const entry = (
      type: string,
      id: number,
      kind: string,
      actor: number,
      created: string,
      data: Record<string, unknown>
    ) =>
      events.push({
        organizationId,
        subjectType: type,
        subjectId: id,
        kind,
        actorId: actor,
        data,
        createdAt: created,
      })
    companyRows.forEach((row, i) => {
      entry('crm.company', companyIds[i], 'created', row.owner_id, row.created_at, {
        title: row.name,
      })
      if (random() < 0.2) {
        for (let n = 0; n < 1 + Math.floor(random() * 2); n++) {
          entry(
            'crm.company',
            companyIds[i],
            'note',
            row.owner_id,
            at(Math.floor(random() * companies[i].daysAgo)),
            { body: NOTES[Math.floor(random() * NOTES.length)] }
          )
        }
      }
    })
    contacts.forEach((c, i) => {
      entry('crm.contact', contactIds[i], 'created', ownerId(c.ownerKey), at(c.daysAgo), {
        title: `${c.first} ${c.last}`,
      })
      if (random() < 0.1)
        entry(
          'crm.contact',
          contactIds[i],
          'note',
          ownerId(c.ownerKey),
          at(Math.floor(random() * c.daysAgo)),
          { body: NOTES[Math.floor(random() * NOTES.length)] }
        )
    })
    // Ids follow time, as they do when the app writes history (timelines are ordered by id).
    events.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    await timeline.recordMany(events, trx)
    // Tags on about a third of the companies and a tenth of the contacts (no history: they
    // are part of the records as the demo starts).
    const tags = await ensureTags(organizationId, DEMO_TAGS, { trx })
    const tagged = (resource: string, ids: number[], share: number) =>
      ids.flatMap((recordId) => {
        if (random() >= share) return []
        const picked = new Set([tags[Math.floor(random() * tags.length)].id])
        if (random() < 0.3) picked.add(tags[Math.floor(random() * tags.length)].id)
        return [...picked].map((tagId) => ({
          organization_id: organizationId,
          resource,
          record_id: recordId,
          tag_id: tagId,
          created_by: null,
          created_at: dbTimestamp(new Date(now)),
        }))
      })
    await insertInBatches(trx, TAGGINGS, [
      ...tagged('crm.companies', companyIds, 0.35),
      ...tagged('crm.contacts', contactIds, 0.1),
    ])
    // The search index (palette, /search) follows the demo's records as it follows every write.
    await indexCompanies(trx, organizationId, companyIds)
    await indexContacts(trx, organizationId, contactIds)
  })
  // Each feature seeds its own demo records (they read the companies and contacts back).
  const params = { organizationId, users, random }
  await seedLeadsDemo(params)
  await seedAssignmentDemo(params)
  await seedPipelineDemo(params)
  await seedActivitiesDemo(params)
  await seedAccountsDemo(params)
  await seedQuotasDemo(params)
  await seedDashboardsDemo(params)
}

/**
 * Multi-row insert, then the new ids in insertion order: a single statement's rows get
 * increasing ids, and ids above the previous maximum of this organization are exactly ours.
 */
async function insertReturningIds(
  trx: TransactionClientContract,
  table: string,
  organizationId: number,
  rows: Record<string, unknown>[]
) {
  const max = await trx.from(table).where('organization_id', organizationId).max('id as id').first()
  await insertInBatches(trx, table, rows)
  const inserted = await trx
    .from(table)
    .where('organization_id', organizationId)
    .where('id', '>', Number(max?.id ?? 0))
    .orderBy('id')
    .select('id')
  if (inserted.length !== rows.length)
    throw new Error(
      `demo seed: expected ${rows.length} new ${table} rows, found ${inserted.length}`
    )
  return inserted.map((r) => Number(r.id))
}
