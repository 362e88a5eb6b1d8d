import type { ListDeclaration } from '#app/registry/types'
import type { ManifestPart } from '#app/registry/parts'
import { LEAD_KINDS, LEAD_LISTS, LEAD_SOURCES_LIST } from '../support/leads_lists.js'
import { INDUSTRIES_LIST } from '../lists.js'

/*
 * The leads list: sorted by creation (newest first by default) or name, each read along its
 * (organization, <filter>, deleted_at, created_at, id) index (migration 0015). Status (open
 * states), source and owner are edited in the cells (PATCH /crm/leads/:id/field).
 */
const LEAD_LIST: ListDeclaration = {
  columns: [
    { key: 'title', label: 'crm.leads.fields.title', primary: true },
    {
      key: 'name',
      label: 'crm.leads.fields.name',
      sort: { asc: 'name', desc: '-name' },
      primary: true,
    },
    { key: 'company', label: 'crm.leads.fields.companyName', primary: true },
    {
      key: 'status',
      label: 'crm.leads.fields.status',
      type: 'badge',
      primary: true,
      inline: true,
    },
    { key: 'source', label: 'crm.leads.fields.source', inline: true },
    { key: 'province', label: 'crm.leads.fields.province', default: false },
    { key: 'email', label: 'crm.leads.fields.email', type: 'email', default: false },
    { key: 'phone', label: 'crm.leads.fields.phone', type: 'phone', default: false },
    { key: 'owner', label: 'crm.leads.fields.owner', inline: true },
    { key: 'tags', label: 'crm.leads.fields.tags' },
    {
      key: 'created',
      label: 'crm.leads.fields.createdAt',
      type: 'date',
      sort: { asc: 'created', desc: '-created' },
    },
  ],
  sorts: ['name', '-name', 'created', '-created'],
  quickFilters: [
    { key: 'mine', label: 'crm.quick.mine', params: { owner: 'mine' } },
    { key: 'unassigned', label: 'crm.leads.quick.unassigned', params: { unassigned: '1' } },
    { key: 'new', label: 'crm.leads.quick.new', params: { status: 'new' } },
  ],
}

/** The leads feature's manifest entries (module.ts appends them). */
const part: ManifestPart = {
  resources: [
    {
      key: 'crm.leads',
      label: 'crm.leads.title',
      actions: ['view', 'create', 'edit', 'delete', 'export', 'convert', 'forms'],
      actionLabels: { convert: 'crm.leads.actions.convert', forms: 'crm.leads.actions.forms' },
      demo: {
        director: ['view', 'create', 'edit', 'delete', 'export', 'convert', 'forms'],
        leader: ['view', 'create', 'edit', 'export', 'convert', 'forms'],
        zone: ['view', 'create', 'edit', 'convert'],
        rep: ['view', 'create', 'edit', 'convert'],
        support: ['view'],
      },
      import: () => import('../imports/leads.js'),
      documents: {
        subjectType: 'crm.lead',
        recordAccess: () => import('../actions/leads/lead_access.js'),
      },
      bin: { subject: 'crm.lead', handlers: () => import('../bin/lead_bin.js') },
      tags: { subject: 'crm.lead' },
      customFields: { subject: 'crm.lead' },
      // Status (open states only) is added by the controller: it is not an editable list.
      bulk: {
        actions: ['owner', 'field', 'tags', 'delete', 'export'],
        fields: [
          {
            key: 'source',
            label: 'crm.leads.fields.source',
            kind: 'select',
            list: LEAD_SOURCES_LIST,
          },
          {
            key: 'sector',
            label: 'crm.leads.fields.sector',
            kind: 'select',
            list: INDUSTRIES_LIST,
          },
        ],
        customFields: true,
        handler: () => import('../bulk/leads.js'),
      },
      list: LEAD_LIST,
    },
  ],
  subjects: [
    {
      type: 'crm.lead',
      label: 'crm.leads.one',
      fields: 'crm.leads.fields',
      collection: 'crm.leads.collection',
    },
  ],
  lists: LEAD_LISTS,
  navigation: [
    {
      label: 'crm.nav.leads',
      route: 'crm.leads.index',
      permission: 'crm.leads.view',
      icon: 'target-arrow',
    },
    {
      label: 'crm.nav.web_forms',
      route: 'crm.web_forms.index',
      section: 'settings',
      permission: 'crm.leads.forms',
      icon: 'forms',
    },
  ],
  actions: [
    {
      label: 'crm.actions.new_lead',
      route: 'crm.leads.create',
      permission: 'crm.leads.create',
      icon: 'user-plus',
    },
  ],
  search: [
    {
      resource: 'crm.leads',
      provider: () => import('../search/leads.js'),
      icon: 'target-arrow',
    },
  ],
  timelineKinds: [
    { kind: LEAD_KINDS.converted, label: 'crm.leads.kinds.converted', icon: 'transform' },
    { kind: LEAD_KINDS.disqualified, label: 'crm.leads.kinds.disqualified', icon: 'ban' },
    { kind: LEAD_KINDS.reopened, label: 'crm.leads.kinds.reopened', icon: 'refresh' },
    { kind: LEAD_KINDS.merged, label: 'crm.leads.kinds.merged', icon: 'arrow-merge' },
  ],
}

export default part
