import { defineModule } from '#app/registry/types'
import { COMPANY_TYPES_LIST, CRM_LISTS, INDUSTRIES_LIST } from './lists.js'
import { COMPANY_LIST, CONTACT_LIST } from './list_declarations.js'
import { withParts } from '#app/registry/parts'
import leads from './features/leads.js'
import pipeline from './features/pipeline.js'
import activities from './features/activities.js'
import accounts from './features/accounts.js'
import assignment from './features/assignment.js'
import quotas from './features/quotas.js'
import dashboards from './dashboards.js'

/** What each demo role may do on companies and contacts (its scope is the role's). */
const DEMO_GRANTS = {
  director: ['view', 'create', 'edit', 'delete', 'export'],
  leader: ['view', 'create', 'edit', 'export'],
  zone: ['view', 'create', 'edit', 'export'],
  rep: ['view', 'create', 'edit', 'delete'],
  support: ['view', 'export'],
}

export default defineModule(
  withParts(
    {
      name: 'crm',
      version: '0.1.0',
      tier: 'basico',
      dependsOn: [],
      resources: [
        {
          key: 'crm.companies',
          actions: ['view', 'create', 'edit', 'delete', 'export'],
          demo: DEMO_GRANTS,
          import: () => import('./imports/companies.js'),
          documents: {
            subjectType: 'crm.company',
            recordAccess: () => import('./actions/documents/company_access.js'),
          },
          bin: { subject: 'crm.company', handlers: () => import('./bin/company_bin.js') },
          customFields: { subject: 'crm.company' },
          tags: { subject: 'crm.company' },
          bulk: {
            actions: ['owner', 'field', 'tags', 'delete', 'export'],
            fields: [
              {
                key: 'type',
                label: 'crm.companies.fields.type',
                kind: 'select',
                list: COMPANY_TYPES_LIST,
              },
              {
                key: 'industry',
                label: 'crm.companies.fields.industry',
                kind: 'select',
                list: INDUSTRIES_LIST,
              },
            ],
            customFields: true,
            handler: () => import('./bulk/companies.js'),
          },
          list: COMPANY_LIST,
        },
        {
          key: 'crm.contacts',
          actions: ['view', 'create', 'edit', 'delete', 'export'],
          demo: DEMO_GRANTS,
          import: () => import('./imports/contacts.js'),
          documents: {
            subjectType: 'crm.contact',
            recordAccess: () => import('./actions/documents/contact_access.js'),
          },
          bin: { subject: 'crm.contact', handlers: () => import('./bin/contact_bin.js') },
          customFields: { subject: 'crm.contact' },
          tags: { subject: 'crm.contact' },
          bulk: {
            actions: ['owner', 'field', 'tags', 'delete', 'export'],
            fields: [
              { key: 'position', label: 'crm.contacts.fields.position', kind: 'text' },
              {
                key: 'company',
                label: 'crm.contacts.fields.company',
                kind: 'record',
                lookup: 'crm.companies.lookup',
              },
            ],
            customFields: true,
            handler: () => import('./bulk/contacts.js'),
          },
          list: CONTACT_LIST,
        },
      ],
      subjects: [
        {
          type: 'crm.company',
          label: 'crm.companies.one',
          fields: 'crm.companies.fields',
          collection: 'crm.companies.collection',
          lists: { type: COMPANY_TYPES_LIST, industry: INDUSTRIES_LIST },
        },
        {
          type: 'crm.contact',
          label: 'crm.contacts.one',
          fields: 'crm.contacts.fields',
          collection: 'crm.contacts.collection',
          fieldLabels: { name: 'crm.contacts.full_name' },
        },
      ],
      lists: CRM_LISTS,
      navigation: [
        {
          label: 'crm.nav.companies',
          route: 'crm.companies.index',
          permission: 'crm.companies.view',
          icon: 'building',
        },
        {
          label: 'crm.nav.contacts',
          route: 'crm.contacts.index',
          permission: 'crm.contacts.view',
          icon: 'address-book',
        },
      ],
      cards: [
        {
          label: 'crm.nav.companies',
          description: 'crm.home.companies',
          route: 'crm.companies.index',
          permission: 'crm.companies.view',
          icon: 'building',
        },
        {
          label: 'crm.nav.contacts',
          description: 'crm.home.contacts',
          route: 'crm.contacts.index',
          permission: 'crm.contacts.view',
          icon: 'address-book',
        },
        {
          key: 'recent_changes',
          permission: 'crm.companies.view',
          label: 'crm.home.changes',
          loader: () => import('./home/recent_changes.js'),
          icon: 'history',
        },
        {
          key: 'recent_notes',
          permission: 'crm.companies.view',
          label: 'crm.home.notes',
          loader: () => import('./home/recent_notes.js'),
          icon: 'notes',
        },
        {
          key: 'team_target',
          permission: 'crm.companies.view',
          label: 'crm.home.target',
          loader: () => import('./home/team_target.js'),
          size: 'sm',
          icon: 'target',
        },
        {
          key: 'quick_create',
          permission: 'crm.companies.view',
          label: 'crm.home.create',
          loader: () => import('./home/quick_create.js'),
          size: 'sm',
          icon: 'plus',
        },
      ],
      notifications: [
        { kind: 'mention', label: 'crm.notifications.mention', defaultEmail: 'immediate' },
      ],
      actions: [
        {
          label: 'crm.actions.new_company',
          route: 'crm.companies.create',
          permission: 'crm.companies.create',
          icon: 'building-plus',
        },
        {
          label: 'crm.actions.new_contact',
          route: 'crm.contacts.create',
          permission: 'crm.contacts.create',
          icon: 'user-plus',
        },
      ],
      search: [
        {
          resource: 'crm.companies',
          provider: () => import('./search/companies.js'),
          icon: 'building',
        },
        {
          resource: 'crm.contacts',
          provider: () => import('./search/contacts.js'),
          icon: 'address-book',
        },
      ],
      routes: () => import('./routes.js'),
      publicRoutes: () => import('./public_routes.js'),
      jobs: () => import('./jobs/index.js'),
      demoSeeder: () => import('./database/seeders/demo.js'),
      root: import.meta.url,
    },
    // Each feature's manifest entries live beside it (features/*.ts), appended in this order.
    [leads, pipeline, activities, accounts, assignment, quotas, dashboards]
  )
)
