import { crmRecordsChanged } from '../actions/records_changed.js'
import {
  defineImport,
  type ImportDefinition,
  type ImportValues,
  type KeyMatch,
  type WriteContext,
} from '#app/import/types'
import { dbTimestamp } from '#app/support/dates'
import { COMPANY_TYPES_LIST, INDUSTRIES_LIST, PROVINCE_NAMES } from '../catalog.js'
import { normalizeName, normalizeText } from '../support/normalize.js'
import { companyNameKey, domainKey, nifKey, emailKey, phoneKey } from '../support/keys.js'
import { insertRows, insertRowsIds, paddedIn } from '#app/import/sql'
import { updateRows } from '#app/support/bulk'
import {
  CLASSIFICATION_FIELDS,
  checkClassification,
  classificationColumns,
  classificationState,
  industriesText,
  writeIndustries,
  type ClassificationState,
} from './company_fields.js'
import { indexCompanies, indexContacts, indexNewCompanies } from '../search/sync.js'
import type { CompanyDocumentRow } from '../search/documents.js'
import {
  LIVE_FIRST,
  channelRows,
  checkCommon,
  codeLookup,
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
 * Import of companies: fields as the list exports them (so an export imports back unmapped),
 * duplicate keys NIF → e-mail → web domain → phone → name without legal form, each looked up
 * through its own index.
 */

const F = 'crm.companies.fields'
const ADDRESS = ['street', 'postalCode', 'city', 'province'] as const

interface State extends OwnerState, ClassificationState {
  types: Map<string, string>
  industries: Map<string, string>
  provinces: Map<string, string>
}

/** The part of a web address after its host, without a final slash. */
const sitePath = (url: string) =>
  url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').replace(/\/$/, '')

const withScheme = (url: string) => (/^https?:\/\//i.test(url) ? url : `https://${url}`)

function validate(values: ImportValues, s: unknown): Check {
  const state = s as State
  const long = tooLong(values, {
    name: 200,
    legalName: 200,
    street: 200,
    postalCode: 10,
    city: 100,
    description: 5000,
  })
  if (long) return { reason: long }
  if (!values.name || values.name.length < 2) return reason('name_required')
  if (values.nif) {
    const nif = nifKey(values.nif)
    if (!nif) return reason('nif', { value: values.nif })
    values.nif = nif
  }
  for (const [field, map] of [
    ['type', state.types],
    ['industry', state.industries],
    ['province', state.provinces],
  ] as const) {
    const raw = values[field]
    if (!raw) continue
    const code = map.get(normalizeText(raw))
    if (!code) return reason(field, { value: raw })
    values[field] = code
  }
  const classification = checkClassification(values, state)
  if (classification) return classification
  if (values.website) {
    if (!domainKey(values.website)) return reason('website', { value: values.website })
    values.website = withScheme(values.website)
  }
  if (values.postalCode && !/^[A-Za-z0-9 -]+$/.test(values.postalCode))
    return reason('postal_code', { value: values.postalCode })
  const common = checkCommon(values, state)
  return common ? { reason: common } : values
}

function columns(v: ImportValues) {
  const cols: Record<string, unknown> = {}
  if ('name' in v && v.name) {
    cols.name = v.name
    cols.name_normalized = normalizeName(v.name)
    cols.name_key = companyNameKey(v.name)
  }
  if ('legalName' in v) {
    cols.legal_name = v.legalName
    cols.legal_name_normalized = v.legalName ? normalizeName(v.legalName) : null
  }
  if ('nif' in v) cols.nif = v.nif
  if ('type' in v && v.type) cols.type = v.type
  if ('industry' in v) cols.industry = v.industry
  if ('website' in v) {
    cols.website = v.website
    cols.website_domain = v.website ? domainKey(v.website) : null
  }
  if ('description' in v) cols.description = v.description
  return { ...cols, ...classificationColumns(v) }
}

const ownerId = (ctx: WriteContext, name: string | null | undefined) =>
  name ? ((ctx.state as State).ids.get(name) ?? null) : null

function addressRow(organizationId: number, companyId: number, v: ImportValues) {
  return {
    organization_id: organizationId,
    company_id: companyId,
    kind: 'fiscal',
    street: v.street ?? null,
    postal_code: v.postalCode ?? null,
    city: v.city ?? null,
    city_normalized: v.city ? normalizeName(v.city, 100) : null,
    province: v.province ?? null,
    country: 'ES',
    position: 0,
  }
}

const definition: ImportDefinition = defineImport({
  subjectType: 'crm.company',
  concurrentBatches: true,
  fields: [
    {
      key: 'name',
      label: `${F}.name`,
      aliases: ['empresa', 'company', 'nombre comercial', 'company name'],
    },
    { key: 'legalName', label: `${F}.legalName`, aliases: ['razon social', 'legal name'] },
    { key: 'nif', label: `${F}.nif`, aliases: ['cif', 'nif', 'nif cif', 'dni', 'vat', 'tax id'] },
    { key: 'type', label: `${F}.type`, aliases: ['tipo'], codes: COMPANY_TYPES_LIST },
    {
      key: 'industry',
      label: `${F}.industry`,
      aliases: ['sector', 'actividad'],
      codes: INDUSTRIES_LIST,
    },
    {
      key: 'website',
      label: `${F}.website`,
      aliases: ['web', 'sitio web', 'pagina web', 'url', 'website'],
    },
    {
      key: 'email',
      label: `${F}.email`,
      aliases: ['email', 'e mail', 'correo electronico', 'mail'],
    },
    { key: 'phone', label: `${F}.phone`, aliases: ['telefono', 'tel', 'movil', 'phone number'] },
    {
      key: 'street',
      label: `${F}.street`,
      aliases: ['direccion', 'domicilio', 'address', 'calle'],
    },
    {
      key: 'postalCode',
      label: `${F}.postalCode`,
      aliases: ['cp', 'codigo postal', 'zip', 'postcode'],
    },
    { key: 'city', label: `${F}.city`, aliases: ['ciudad', 'poblacion', 'municipio', 'town'] },
    { key: 'province', label: `${F}.province`, aliases: ['provincia', 'region'] },
    { key: 'owner', label: `${F}.owner`, aliases: ['comercial', 'propietario'] },
    { key: 'description', label: `${F}.description`, aliases: ['notas', 'observaciones', 'notes'] },
    ...CLASSIFICATION_FIELDS,
  ],
  keys: [
    { name: 'nif', field: 'nif', normalize: nifKey },
    { name: 'email', field: 'email', normalize: emailKey },
    { name: 'domain', field: 'website', normalize: domainKey },
    { name: 'phone', field: 'phone', normalize: phoneKey },
    { name: 'name', field: 'name', normalize: companyNameKey },
  ],

  async prepare(ctx, client) {
    const owners = await ownerState(ctx, 'crm.companies', client)
    const provinces = new Map(PROVINCE_NAMES.map((p) => [normalizeText(p), p]))
    return {
      ...owners,
      types: await codeLookup(ctx.organizationId, COMPANY_TYPES_LIST),
      industries: await codeLookup(ctx.organizationId, INDUSTRIES_LIST),
      provinces,
      ...(await classificationState(ctx.organizationId)),
    } satisfies State
  },

  validate,

  title: (values) => values.name ?? '',

  // The same site written another way (scheme, www, final slash) is no change.
  same: (field, current, incoming) =>
    field === 'website' &&
    !!current &&
    sitePath(current) === sitePath(incoming) &&
    domainKey(current) === domainKey(incoming),

  async lookup(key, values, { organizationId, client }) {
    if (key === 'email' || key === 'phone') {
      const table = key === 'email' ? 'crm_emails' : 'crm_phones'
      return lookupChannel(client, organizationId, table, 'company_id', values, 'crm_companies')
    }
    const column = { nif: 'nif', domain: 'website_domain', name: 'name_key' }[key]!
    const rows = await client
      .from('crm_companies')
      .where('organization_id', organizationId)
      .whereIn(column, paddedIn(values))
      // A live record first; one in the recycle bin refuses the line (restore it first).
      .orderByRaw(LIVE_FIRST)
      .select(`${column} as v`, 'id', 'owner_id', 'deleted_at')
    const found = new Map<string, KeyMatch>()
    for (const r of rows)
      if (!found.has(r.v))
        found.set(r.v, {
          id: Number(r.id),
          ownerId: r.owner_id === null ? null : Number(r.owner_id),
          binned: r.deleted_at !== null,
        })
    return found
  },

  async snapshot(ids, { organizationId, client }) {
    const result = new Map<number, ImportValues>()
    if (!ids.length) return result
    // By id alone, the organization checked on the rows: with a long IN list next to
    // `organization_id = ?` SQLite's planner picks an organization index and reads every
    // company of the organization (60 ms a batch with 200,000 companies).
    const rows = (
      await client
        .from('crm_companies as c')
        .leftJoin('users as o', 'o.id', 'c.owner_id')
        .whereIn('c.id', paddedIn(ids))
        .select('c.*', 'o.full_name as owner_name')
    ).filter((r) => Number(r.organization_id) === organizationId)
    const channels = await primaryChannels(client, 'company_id', ids)
    const industries = await industriesText(client, ids)
    const addresses = await client
      .from('crm_addresses')
      .whereIn('company_id', paddedIn(ids))
      .orderBy('company_id')
      .orderBy('position')
      .select('company_id', 'kind', 'street', 'postal_code', 'city', 'province')
    const main = new Map<number, Record<string, any>>()
    for (const a of addresses) {
      const id = Number(a.company_id)
      if (!main.has(id) || (a.kind === 'fiscal' && main.get(id)!.kind !== 'fiscal')) main.set(id, a)
    }
    for (const r of rows) {
      const id = Number(r.id)
      const a = main.get(id)
      result.set(id, {
        name: r.name,
        legalName: r.legal_name,
        nif: r.nif,
        type: r.type,
        industry: r.industry,
        website: r.website,
        email: channels.emails.get(id) ?? null,
        phone: channels.phones.get(id) ?? null,
        street: a?.street ?? null,
        postalCode: a?.postal_code ?? null,
        city: a?.city ?? null,
        province: a?.province ?? null,
        owner: r.owner_name ?? null,
        description: r.description,
        industries: industries.get(id) ?? null,
        zone: r.zone,
        status: r.status,
        size: r.size,
        strengths: r.strengths,
        weaknesses: r.weaknesses,
      })
    }
    return result
  },

  async create(rows, ctx) {
    await crmRecordsChanged(ctx.organizationId, ctx.trx)
    const now = dbTimestamp()
    const companies = rows.map((v) => ({
      type: 'cliente',
      legal_name: null,
      legal_name_normalized: null,
      nif: null,
      industry: null,
      website: null,
      website_domain: null,
      description: null,
      zone: null,
      status: null,
      size: null,
      strengths: null,
      weaknesses: null,
      ...columns(v),
      organization_id: ctx.organizationId,
      owner_id: ownerId(ctx, v.owner) ?? ctx.actorId,
      created_by: ctx.actorId,
      created_at: now,
      updated_at: now,
    }))
    const ids = await insertRowsIds(ctx.trx, 'crm_companies', companies, 'name_normalized')
    const phones: Record<string, unknown>[] = []
    const emails: Record<string, unknown>[] = []
    const addresses: Record<string, unknown>[] = []
    const documents = rows.map((v, i) => {
      const channels = channelRows(ctx.organizationId, 'company_id', ids[i], v)
      if (channels.phone) phones.push(channels.phone)
      if (channels.email) emails.push(channels.email)
      if (ADDRESS.some((f) => v[f])) addresses.push(addressRow(ctx.organizationId, ids[i], v))
      const c: Record<string, unknown> = companies[i]
      const row: CompanyDocumentRow = {
        id: ids[i],
        name: c.name as string,
        legal_name: c.legal_name as string | null,
        nif: c.nif as string | null,
        website_domain: c.website_domain as string | null,
        owner_id: c.owner_id as number | null,
      }
      return {
        row,
        phones: channels.phone ? [channels.phone.value_normalized] : [],
        emails: channels.email ? [channels.email.value] : [],
      }
    })
    await insertRows(ctx.trx, 'crm_phones', phones)
    await insertRows(ctx.trx, 'crm_emails', emails)
    await insertRows(ctx.trx, 'crm_addresses', addresses)
    await writeIndustries(
      ctx.trx,
      ctx.organizationId,
      rows.map((values, i) => ({ id: ids[i], values }))
    )
    // Indexed from the values just written: nothing to read back.
    await indexNewCompanies(ctx.trx, ctx.organizationId, documents)
    return ids
  },

  async update(rows, ctx) {
    await crmRecordsChanged(ctx.organizationId, ctx.trx)
    const { trx, organizationId } = ctx
    const now = dbTimestamp()
    await updateRows(
      trx,
      'crm_companies',
      rows.map(({ id, values: v }) => {
        const cols = columns(v)
        if ('owner' in v) cols.owner_id = ownerId(ctx, v.owner)
        return { id, values: { ...cols, updated_at: now } }
      }),
      { organization_id: organizationId }
    )
    await setImportedChannels(trx, organizationId, 'company_id', rows)
    await writeIndustries(trx, organizationId, rows)
    await setMainAddresses(
      ctx,
      rows.filter((r) => ADDRESS.some((f) => f in r.values))
    )
    // A renamed company's contacts show its new name.
    const renamed = rows.filter((r) => 'name' in r.values).map((r) => r.id)
    await indexCompanies(
      trx,
      organizationId,
      rows.map((r) => r.id),
      { contactsOf: renamed }
    )
  },

  async remove(ids, { trx, organizationId }) {
    await crmRecordsChanged(organizationId, trx)
    // By id alone (see snapshot), the organization checked on the rows. One sent to the
    // recycle bin since stays there (the bin restores or purges it).
    const existing = (
      await trx
        .from('crm_companies')
        .whereIn('id', ids)
        .select('id', 'organization_id', 'deleted_at')
    )
      .filter((r) => Number(r.organization_id) === organizationId && r.deleted_at === null)
      .map((r) => Number(r.id))
    if (!existing.length) return []
    await detachReferences(trx, 'crm.company', existing)
    const contacts = await trx.from('crm_contacts').whereIn('company_id', existing).select('id')
    // The companies are the organization's: so are the contacts working there.
    await trx
      .from('crm_contacts')
      .whereIn('company_id', existing)
      .update({ company_id: null, reports_to_id: null, updated_at: dbTimestamp() })
    for (const table of [
      'crm_phones',
      'crm_emails',
      'crm_addresses',
      'crm_company_industries',
      'crm_contact_positions',
    ])
      await trx.from(table).whereIn('company_id', existing).delete()
    await trx.from('crm_companies').whereIn('parent_id', existing).update({ parent_id: null })
    await trx.from('crm_companies').whereIn('id', existing).delete()
    await indexCompanies(trx, organizationId, existing)
    await indexContacts(
      trx,
      organizationId,
      contacts.map((c) => Number(c.id))
    )
    return existing
  },
})

/** Updates each company's main address (fiscal, else the first) or adds a fiscal one. */
async function setMainAddresses(ctx: WriteContext, rows: { id: number; values: ImportValues }[]) {
  if (!rows.length) return
  const { trx } = ctx
  const ids = rows.map((r) => r.id)
  const main = new Map<number, { id: number; kind: string }>()
  for (let i = 0; i < ids.length; i += 500) {
    const found = await trx
      .from('crm_addresses')
      .whereIn('company_id', paddedIn(ids.slice(i, i + 500)))
      .orderBy('company_id')
      .orderBy('position')
      .orderBy('id')
      .select('id', 'company_id', 'kind')
    for (const a of found) {
      const id = Number(a.company_id)
      const current = main.get(id)
      if (!current || (a.kind === 'fiscal' && current.kind !== 'fiscal'))
        main.set(id, { id: Number(a.id), kind: a.kind })
    }
  }
  const changed: { id: number; values: Record<string, unknown> }[] = []
  const added: Record<string, unknown>[] = []
  for (const { id, values: v } of rows) {
    const address = main.get(id)
    if (!address) {
      added.push(addressRow(ctx.organizationId, id, v))
      continue
    }
    const patch: Record<string, unknown> = {}
    if ('street' in v) patch.street = v.street
    if ('postalCode' in v) patch.postal_code = v.postalCode
    if ('city' in v) {
      patch.city = v.city
      patch.city_normalized = v.city ? normalizeName(v.city, 100) : null
    }
    if ('province' in v) patch.province = v.province
    changed.push({ id: address.id, values: patch })
  }
  await updateRows(trx, 'crm_addresses', changed)
  await insertRows(trx, 'crm_addresses', added)
}

export default definition
