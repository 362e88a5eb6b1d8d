import { crmRecordsChanged } from '../actions/records_changed.js'
import {
  defineImport,
  type ImportDefinition,
  type ImportValues,
  type WriteContext,
} from '#app/import/types'
import { dbTimestamp } from '#app/support/dates'
import { normalizeName } from '../support/normalize.js'
import { fullName } from '../support/people.js'
import { companyNameKey, emailKey, phoneKey } from '../support/keys.js'
import { insertRows, insertRowsIds, paddedIn } from '#app/import/sql'
import { updateRows } from '#app/support/bulk'
import { indexContacts } from '../search/sync.js'
import { followMoves, jobsOf } from '../actions/contacts/contact_positions.js'
import {
  PROFILE_FIELDS,
  checkProfile,
  openPositions,
  profileColumns,
  profileSnapshot,
  profileState,
  type ProfileState,
} from './contact_fields.js'
import {
  channelRows,
  checkCommon,
  lookupChannel,
  ownerState,
  primaryChannels,
  reason,
  setImportedChannels,
  tooLong,
  type Check,
  type OwnerState,
} from './shared.js'
import { detachReferences } from '../support/references.js'

/*
 * Import of contacts: fields as the list exports them; duplicate keys e-mail → phone. The
 * company is named (as exported) and must be one the importer may see; it is found by its name
 * without legal form, through that key's index.
 */

const F = 'crm.contacts.fields'

type State = OwnerState & ProfileState

function validate(values: ImportValues, s: unknown): Check {
  const long = tooLong(values, {
    firstName: 100,
    lastName: 150,
    position: 120,
    department: 120,
    company: 200,
    notes: 5000,
  })
  if (long) return { reason: long }
  if (!values.firstName) return reason('first_name_required')
  const profile = checkProfile(values, s as State)
  if (profile) return profile
  const common = checkCommon(values, s as OwnerState)
  return common ? { reason: common } : values
}

function columns(v: ImportValues, before?: ImportValues) {
  const cols: Record<string, unknown> = {}
  if ('firstName' in v || 'lastName' in v) {
    const first = ('firstName' in v ? v.firstName : before?.firstName) ?? ''
    const last = 'lastName' in v ? v.lastName : (before?.lastName ?? null)
    if ('firstName' in v) cols.first_name = first
    if ('lastName' in v) {
      cols.last_name = last
      cols.last_name_normalized = last ? normalizeName(last, 150) : null
    }
    cols.name_normalized = normalizeName(fullName(first, last), 260)
  }
  if ('position' in v) cols.position = v.position
  if ('department' in v) cols.department = v.department
  if ('notes' in v) cols.notes = v.notes
  return { ...cols, ...profileColumns(v) }
}

const ownerId = (ctx: WriteContext, name: string | null | undefined) =>
  name ? ((ctx.state as OwnerState).ids.get(name) ?? null) : null

/**
 * Visible companies by name key: key → {id, name}. Read through the (organization, name key)
 * index and then held to the importer's view scope (live, and owned by someone in it): with the
 * scope's conditions in the query SQLite's planner picks the organization's live-records index
 * and reads every company of the organization.
 */
async function companiesByName(
  ctx: WriteContext | Parameters<NonNullable<ImportDefinition['check']>>[1],
  names: string[]
) {
  const keys = [...new Set(names.map((n) => companyNameKey(n)).filter((k): k is string => !!k))]
  const found = new Map<string, { id: number; name: string }>()
  if (!keys.length) return found
  const client = 'trx' in ctx ? ctx.trx : ctx.client
  const scope = await ctx.access.constraint('crm.companies', 'view', client)
  if (scope.kind === 'none') return found
  const rows = await client
    .from('crm_companies')
    .where('organization_id', ctx.organizationId)
    .whereIn('name_key', paddedIn(keys))
    .select('id', 'name', 'name_key', 'owner_id', 'deleted_at')
  rows.sort((a, b) => Number(a.id) - Number(b.id))
  for (const r of rows) {
    if (r.deleted_at !== null || found.has(r.name_key)) continue
    const owner = r.owner_id === null ? null : Number(r.owner_id)
    if (scope.kind === 'owners' && (owner === null || !scope.ownerIds.includes(owner))) continue
    found.set(r.name_key, { id: Number(r.id), name: r.name })
  }
  return found
}

const definition: ImportDefinition = defineImport({
  subjectType: 'crm.contact',
  concurrentBatches: true,
  fields: [
    { key: 'firstName', label: `${F}.firstName`, aliases: ['nombre', 'first name', 'name'] },
    {
      key: 'lastName',
      label: `${F}.lastName`,
      aliases: ['apellido', 'apellidos', 'surname', 'last name'],
    },
    { key: 'position', label: `${F}.position`, aliases: ['puesto', 'cargo', 'job title', 'title'] },
    { key: 'department', label: `${F}.department`, aliases: ['departamento', 'area'] },
    {
      key: 'company',
      label: `${F}.company`,
      aliases: ['empresa', 'compania', 'company', 'organization'],
    },
    {
      key: 'email',
      label: `${F}.email`,
      aliases: ['email', 'e mail', 'correo electronico', 'mail'],
    },
    { key: 'phone', label: `${F}.phone`, aliases: ['telefono', 'tel', 'movil', 'mobile'] },
    { key: 'owner', label: `${F}.owner`, aliases: ['comercial', 'propietario'] },
    { key: 'notes', label: `${F}.notes`, aliases: ['observaciones', 'notas'] },
    ...PROFILE_FIELDS,
  ],
  keys: [
    { name: 'email', field: 'email', normalize: emailKey },
    { name: 'phone', field: 'phone', normalize: phoneKey },
  ],

  prepare: async (ctx, client) => ({
    ...(await ownerState(ctx, 'crm.contacts', client)),
    ...(await profileState(ctx.organizationId)),
  }),

  validate,

  async check(rows, ctx) {
    const found = await companiesByName(ctx, rows.map((r) => r.company ?? '').filter(Boolean))
    return rows.map((r) => {
      if (!r.company) return null
      const company = found.get(companyNameKey(r.company) ?? '')
      if (!company) return reason('company', { value: r.company }).reason
      r.company = company.name
      return null
    })
  },

  title: (values) => fullName(values.firstName ?? '', values.lastName),

  lookup: (key, values, { organizationId, client }) =>
    lookupChannel(
      client,
      organizationId,
      key === 'email' ? 'crm_emails' : 'crm_phones',
      'contact_id',
      values,
      'crm_contacts'
    ),

  async snapshot(ids, { organizationId, client }) {
    const result = new Map<number, ImportValues>()
    if (!ids.length) return result
    // By id alone, the organization checked on the rows (an organization index next to a long
    // IN list makes SQLite read every contact of the organization).
    const rows = (
      await client
        .from('crm_contacts as ct')
        .leftJoin('crm_companies as co', 'co.id', 'ct.company_id')
        .leftJoin('users as o', 'o.id', 'ct.owner_id')
        .whereIn('ct.id', ids)
        .select('ct.*', 'co.name as company_name', 'o.full_name as owner_name')
    ).filter((r) => Number(r.organization_id) === organizationId)
    const channels = await primaryChannels(client, 'contact_id', ids)
    for (const r of rows) {
      const id = Number(r.id)
      result.set(id, {
        firstName: r.first_name,
        lastName: r.last_name,
        position: r.position,
        department: r.department,
        company: r.company_name ?? null,
        email: channels.emails.get(id) ?? null,
        phone: channels.phones.get(id) ?? null,
        owner: r.owner_name ?? null,
        notes: r.notes,
        ...profileSnapshot(r),
      })
    }
    return result
  },

  async create(rows, ctx) {
    await crmRecordsChanged(ctx.organizationId, ctx.trx)
    const now = dbTimestamp()
    const companies = await companiesByName(ctx, rows.map((r) => r.company ?? '').filter(Boolean))
    const ids = await insertRowsIds(
      ctx.trx,
      'crm_contacts',
      rows.map((v) => ({
        last_name: null,
        last_name_normalized: null,
        position: null,
        department: null,
        notes: null,
        ...columns(v),
        company_id: v.company ? (companies.get(companyNameKey(v.company) ?? '')?.id ?? null) : null,
        organization_id: ctx.organizationId,
        owner_id: ownerId(ctx, v.owner) ?? ctx.actorId,
        created_by: ctx.actorId,
        created_at: now,
        updated_at: now,
      })),
      'name_normalized'
    )
    const phones: Record<string, unknown>[] = []
    const emails: Record<string, unknown>[] = []
    rows.forEach((v, i) => {
      const channels = channelRows(ctx.organizationId, 'contact_id', ids[i], v)
      if (channels.phone) phones.push(channels.phone)
      if (channels.email) emails.push(channels.email)
    })
    await insertRows(ctx.trx, 'crm_phones', phones)
    await insertRows(ctx.trx, 'crm_emails', emails)
    await openPositions(
      ctx.trx,
      ctx.organizationId,
      rows.map((values, i) => ({
        contactId: ids[i],
        companyId: values.company
          ? (companies.get(companyNameKey(values.company) ?? '')?.id ?? null)
          : null,
        values,
      }))
    )
    await indexContacts(ctx.trx, ctx.organizationId, ids)
    return ids
  },

  async update(rows, ctx) {
    await crmRecordsChanged(ctx.organizationId, ctx.trx)
    const { trx, organizationId } = ctx
    const companies = await companiesByName(
      ctx,
      rows.map((r) => r.values.company ?? '').filter(Boolean)
    )
    const before = await definition.snapshot(
      rows.map((r) => r.id),
      { organizationId, client: trx }
    )
    const now = dbTimestamp()
    const jobs = await jobsOf(
      trx,
      rows.filter((r) => 'company' in r.values).map((r) => r.id)
    )
    await updateRows(
      trx,
      'crm_contacts',
      rows.map(({ id, values: v }) => {
        const cols = columns(v, before.get(id))
        if ('owner' in v) cols.owner_id = ownerId(ctx, v.owner)
        if ('company' in v) {
          cols.company_id = v.company
            ? (companies.get(companyNameKey(v.company) ?? '')?.id ?? null)
            : null
          // A manager works at the same company: a contact moving company leaves the chart.
          cols.reports_to_id = null
        }
        return { id, values: { ...cols, updated_at: now } }
      }),
      { organization_id: organizationId }
    )
    await setImportedChannels(trx, organizationId, 'contact_id', rows)
    // A contact moved to another company: its position there closes, a new one opens.
    await followMoves(trx, organizationId, jobs)
    await indexContacts(
      trx,
      organizationId,
      rows.map((r) => r.id)
    )
  },

  async remove(ids, { trx, organizationId }) {
    await crmRecordsChanged(organizationId, trx)
    // By id alone (see snapshot), the organization checked on the rows. One sent to the
    // recycle bin since stays there (the bin restores or purges it).
    const existing = (
      await trx
        .from('crm_contacts')
        .whereIn('id', ids)
        .select('id', 'organization_id', 'deleted_at')
    )
      .filter((r) => Number(r.organization_id) === organizationId && r.deleted_at === null)
      .map((r) => Number(r.id))
    if (!existing.length) return []
    // Their reports are the organization's too (a manager is in the same organization).
    await trx
      .from('crm_contacts')
      .whereIn('reports_to_id', existing)
      .update({ reports_to_id: null, updated_at: dbTimestamp() })
    await detachReferences(trx, 'crm.contact', existing)
    for (const table of ['crm_phones', 'crm_emails', 'crm_contact_positions'])
      await trx.from(table).whereIn('contact_id', existing).delete()
    await trx.from('crm_contacts').whereIn('id', existing).delete()
    await indexContacts(trx, organizationId, existing)
    return existing
  },
})

export default definition
