import type { ListValueDefinition } from '#app/registry/types'
import type { ManifestPart } from '#app/registry/parts'
import { OPPORTUNITY_LIST } from '../list_declarations.js'

/** What each demo role may do on opportunities (the same grants as companies; scope is the role's). */
const DEMO_GRANTS = {
  director: ['view', 'create', 'edit', 'delete', 'export', 'configure'],
  leader: ['view', 'create', 'edit', 'export'],
  zone: ['view', 'create', 'edit', 'export'],
  rep: ['view', 'create', 'edit', 'delete'],
  support: ['view', 'export'],
}

export const CONTACT_ROLES_LIST = 'crm.contact_roles'
export const LOST_REASONS_LIST = 'crm.lost_reasons'
export const OPPORTUNITY_SOURCES_LIST = 'crm.opportunity_sources'

const CONTACT_ROLES: ListValueDefinition[] = [
  { code: 'decisor', labels: { es: 'Decisor', en: 'Decision maker' } },
  { code: 'influenciador', labels: { es: 'Influenciador', en: 'Influencer' } },
  { code: 'usuario', labels: { es: 'Usuario', en: 'User' } },
  { code: 'tecnico', labels: { es: 'Técnico', en: 'Technical contact' } },
  { code: 'comprador', labels: { es: 'Comprador', en: 'Buyer' } },
]

const LOST_REASONS: ListValueDefinition[] = [
  { code: 'precio', labels: { es: 'Precio', en: 'Price' } },
  { code: 'competencia', labels: { es: 'Eligió a la competencia', en: 'Chose a competitor' } },
  { code: 'sin_presupuesto', labels: { es: 'Sin presupuesto', en: 'No budget' } },
  { code: 'sin_respuesta', labels: { es: 'Sin respuesta', en: 'No response' } },
  { code: 'cancelado', labels: { es: 'Proyecto cancelado', en: 'Project cancelled' } },
  { code: 'otro', labels: { es: 'Otro', en: 'Other' } },
]

const SOURCES: ListValueDefinition[] = [
  { code: 'web', labels: { es: 'Web', en: 'Website' } },
  { code: 'telefono', labels: { es: 'Teléfono', en: 'Phone' } },
  { code: 'email', labels: { es: 'Correo electrónico', en: 'E-mail' } },
  { code: 'referido', labels: { es: 'Recomendación', en: 'Referral' } },
  { code: 'feria', labels: { es: 'Feria o evento', en: 'Trade fair or event' } },
  { code: 'campana', labels: { es: 'Campaña', en: 'Campaign' } },
  { code: 'otro', labels: { es: 'Otro', en: 'Other' } },
]

/** The pipeline feature's manifest entries (module.ts appends them). */
const part: ManifestPart = {
  resources: [
    {
      key: 'crm.opportunities',
      label: 'crm.opportunities.title',
      // configure: the sales teams' stages (CRM › Equipos).
      actions: ['view', 'create', 'edit', 'delete', 'export', 'configure'],
      demo: DEMO_GRANTS,
      documents: {
        subjectType: 'crm.opportunity',
        recordAccess: () => import('../actions/opportunities/record_access.js'),
      },
      customFields: { subject: 'crm.opportunity' },
      tags: { subject: 'crm.opportunity' },
      bin: { subject: 'crm.opportunity', handlers: () => import('../bin/opportunity_bin.js') },
      list: OPPORTUNITY_LIST,
      bulk: {
        actions: ['owner', 'tags', 'delete', 'export'],
        handler: () => import('../bulk/opportunities.js'),
      },
    },
  ],
  navigation: [
    {
      label: 'crm.nav.opportunities',
      route: 'crm.opportunities.board',
      permission: 'crm.opportunities.view',
      icon: 'layout-kanban',
    },
    {
      label: 'crm.nav.teams',
      route: 'crm.opportunities.teams',
      section: 'settings',
      permission: 'crm.opportunities.view',
      icon: 'users-group',
    },
  ],
  actions: [
    {
      label: 'crm.opportunities.new',
      route: 'crm.opportunities.create',
      permission: 'crm.opportunities.create',
      icon: 'layout-kanban',
    },
  ],
  search: [
    {
      resource: 'crm.opportunities',
      provider: () => import('../search/opportunities.js'),
      icon: 'layout-kanban',
    },
  ],
  subjects: [
    {
      type: 'crm.opportunity',
      label: 'crm.opportunities.one',
      fields: 'crm.opportunities.fields',
      collection: 'crm.opportunities.collection',
      lists: { source: OPPORTUNITY_SOURCES_LIST, lostReason: LOST_REASONS_LIST },
    },
  ],
  timelineKinds: [
    {
      kind: 'crm.opportunity_contact_added',
      label: 'crm.opportunities.contacts.timeline.added',
      icon: 'plus',
    },
    {
      kind: 'crm.opportunity_contact_role',
      label: 'crm.opportunities.contacts.timeline.role',
      icon: 'edit',
    },
    {
      kind: 'crm.opportunity_contact_removed',
      label: 'crm.opportunities.contacts.timeline.removed',
      icon: 'trash',
    },
    {
      kind: 'crm.opportunity_competitor_added',
      label: 'crm.opportunities.competitors.timeline.added',
      icon: 'plus',
    },
    {
      kind: 'crm.opportunity_competitor_removed',
      label: 'crm.opportunities.competitors.timeline.removed',
      icon: 'trash',
    },
    {
      kind: 'crm.opportunity_step_done',
      label: 'crm.opportunities.process.timeline.done',
      icon: 'check',
    },
    {
      kind: 'crm.opportunity_step_undone',
      label: 'crm.opportunities.process.timeline.undone',
      icon: 'edit',
    },
  ],
  lists: [
    {
      key: CONTACT_ROLES_LIST,
      label: 'crm.lists.contact_roles',
      description: 'crm.lists.contact_roles_help',
      editable: 'open',
      values: CONTACT_ROLES,
    },
    {
      key: LOST_REASONS_LIST,
      label: 'crm.lists.lost_reasons',
      description: 'crm.lists.lost_reasons_help',
      editable: 'open',
      values: LOST_REASONS,
    },
    {
      key: OPPORTUNITY_SOURCES_LIST,
      label: 'crm.lists.opportunity_sources',
      description: 'crm.lists.opportunity_sources_help',
      editable: 'open',
      values: SOURCES,
    },
  ],
}

export default part
