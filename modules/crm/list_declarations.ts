import type { ListDeclaration } from '#app/registry/types'

/*
 * How the companies and contacts lists look (resources/js/ui/list): columns, the sorts the
 * server offers — only those read along an index, (organization, name_normalized, id) and
 * (organization, created_at, id), each paged by keyset — and one-click filters. `inline`
 * columns are edited in place (their field endpoints: PATCH /crm/<resource>/:id/field).
 */

const NAME_SORT = { asc: 'name', desc: '-name' }
const CREATED_SORT = { asc: 'created', desc: '-created' }
const SORTS = ['name', '-name', 'created', '-created']

const MINE = { key: 'mine', label: 'crm.quick.mine', params: { owner: 'mine' } }
const THIS_MONTH = {
  key: 'this_month',
  label: 'crm.quick.this_month',
  params: { created_from: '$month_start' },
}

/**
 * Competitors and distributors: the company list at its type, with their own columns (the menu
 * entries open them: routes/accounts.ts).
 */
export const COMPANY_VIEWS = {
  competitors: {
    key: 'competitors',
    label: 'crm.quick.competitors',
    params: { type: 'competidor', cols: 'name,industry,strengths,weaknesses,zone,owner' },
  },
  distributors: {
    key: 'distributors',
    label: 'crm.quick.distributors',
    params: { type: 'distribuidor', cols: 'name,zone,location,phone,email,status,owner' },
  },
}

export const COMPANY_LIST: ListDeclaration = {
  columns: [
    { key: 'name', label: 'crm.companies.fields.name', sort: NAME_SORT, primary: true },
    {
      key: 'type',
      label: 'crm.companies.fields.type',
      type: 'badge',
      primary: true,
      inline: true,
    },
    { key: 'industry', label: 'crm.companies.fields.industry', inline: true },
    { key: 'location', label: 'crm.companies.fields.location', primary: true },
    { key: 'phone', label: 'crm.companies.fields.phone', type: 'phone', primary: true },
    { key: 'email', label: 'crm.companies.fields.email', type: 'email', default: false },
    { key: 'owner', label: 'crm.companies.fields.owner', inline: true },
    { key: 'tags', label: 'crm.companies.fields.tags' },
    { key: 'status', label: 'crm.companies.fields.status', type: 'badge', inline: true },
    { key: 'zone', label: 'crm.companies.fields.zone', default: false, inline: true },
    { key: 'size', label: 'crm.companies.fields.size', default: false, inline: true },
    { key: 'industries', label: 'crm.companies.fields.industries', default: false },
    { key: 'parent', label: 'crm.companies.fields.parent', type: 'link', default: false },
    { key: 'strengths', label: 'crm.companies.fields.strengths', default: false },
    { key: 'weaknesses', label: 'crm.companies.fields.weaknesses', default: false },
    { key: 'created', label: 'crm.companies.fields.createdAt', type: 'date', sort: CREATED_SORT },
  ],
  sorts: SORTS,
  quickFilters: [
    MINE,
    { key: 'clients', label: 'crm.quick.clients', params: { type: 'cliente' } },
    COMPANY_VIEWS.competitors,
    COMPANY_VIEWS.distributors,
    THIS_MONTH,
  ],
}

export const CONTACT_LIST: ListDeclaration = {
  columns: [
    { key: 'name', label: 'crm.contacts.fields.name', sort: NAME_SORT, primary: true },
    { key: 'company', label: 'crm.contacts.fields.company', type: 'link', primary: true },
    { key: 'email', label: 'crm.contacts.fields.email', type: 'email', primary: true },
    { key: 'phone', label: 'crm.contacts.fields.phone', type: 'phone', primary: true },
    // Shown under the name by default; as its own column (editable in place) on request.
    { key: 'position', label: 'crm.contacts.fields.position', default: false, inline: true },
    { key: 'owner', label: 'crm.contacts.fields.owner', inline: true },
    { key: 'tags', label: 'crm.contacts.fields.tags' },
    { key: 'language', label: 'crm.contacts.fields.language', default: false, inline: true },
    { key: 'consent', label: 'crm.contacts.fields.consentStatus', type: 'badge', default: false },
    { key: 'optedOut', label: 'crm.contacts.fields.optedOut', default: false },
    { key: 'created', label: 'crm.contacts.fields.createdAt', type: 'date', sort: CREATED_SORT },
  ],
  sorts: SORTS,
  quickFilters: [
    MINE,
    THIS_MONTH,
    { key: 'consent_granted', label: 'crm.quick.consent_granted', params: { consent: 'granted' } },
    { key: 'opted_out', label: 'crm.quick.opted_out', params: { opted_out: 'yes' } },
  ],
}

/*
 * The opportunities list (modules/crm/pages/opportunities/list.tsx): every pipeline at once,
 * sorted by creation (newest first by default) or name along the (organization, deleted_at,
 * <column>, id) indexes of migration 0026. Its filters are the board's (same URL names).
 */
export const OPPORTUNITY_LIST: ListDeclaration = {
  columns: [
    { key: 'name', label: 'crm.opportunities.fields.name', sort: NAME_SORT, primary: true },
    { key: 'company', label: 'crm.opportunities.fields.company', type: 'link', primary: true },
    { key: 'stage', label: 'crm.opportunities.fields.stage', primary: true },
    { key: 'status', label: 'crm.opportunities.fields.status', type: 'badge' },
    { key: 'amount', label: 'crm.opportunities.fields.amount', type: 'number', primary: true },
    { key: 'weighted', label: 'crm.opportunities.fields.weighted', type: 'number' },
    {
      key: 'probability',
      label: 'crm.opportunities.fields.probability',
      type: 'number',
      default: false,
    },
    { key: 'close', label: 'crm.opportunities.fields.expectedCloseOn', type: 'date' },
    { key: 'owner', label: 'crm.opportunities.fields.owner' },
    { key: 'team', label: 'crm.opportunities.fields.team', default: false },
    { key: 'priority', label: 'crm.opportunities.fields.priority' },
    { key: 'source', label: 'crm.opportunities.fields.source', default: false },
    { key: 'tags', label: 'crm.opportunities.fields.tags', default: false },
    {
      key: 'created',
      label: 'crm.opportunities.fields.createdAt',
      type: 'date',
      sort: CREATED_SORT,
    },
  ],
  sorts: ['-created', 'created', 'name', '-name'],
  quickFilters: [
    MINE,
    { key: 'open', label: 'crm.list.quick.open', params: { status: 'open' } },
    { key: 'won', label: 'crm.list.quick.won', params: { status: 'won' } },
    { key: 'unassigned', label: 'crm.list.quick.unassigned', params: { unassigned: '1' } },
  ],
}
