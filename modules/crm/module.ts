import { defineModule } from '#app/registry/types'
import { COMPANY_TYPES_LIST, CRM_LISTS, INDUSTRIES_LIST } from './lists.js'

export default defineModule({
  name: 'crm',
  label: 'crm.module.label',
  description: 'crm.module.description',
  version: '0.1.0',
  tier: 'basico',
  dependsOn: [],
  resources: [
    {
      key: 'crm.companies',
      label: 'crm.companies.title',
      actions: ['view', 'create', 'edit', 'delete', 'export'],
      import: () => import('./imports/companies.js'),
      documents: {
        subjectType: 'crm.company',
        recordAccess: () => import('./actions/documents/company_access.js'),
      },
      bin: { subject: 'crm.company', handlers: () => import('./bin/company_bin.js') },
      customFields: { subject: 'crm.company' },
    },
    {
      key: 'crm.contacts',
      label: 'crm.contacts.title',
      actions: ['view', 'create', 'edit', 'delete', 'export'],
      import: () => import('./imports/contacts.js'),
      documents: {
        subjectType: 'crm.contact',
        recordAccess: () => import('./actions/documents/contact_access.js'),
      },
      bin: { subject: 'crm.contact', handlers: () => import('./bin/contact_bin.js') },
      customFields: { subject: 'crm.contact' },
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
      icon: 'users',
    },
  ],
  routes: () => import('./routes.js'),
  demoSeeder: () => import('./database/seeders/demo.js'),
  migrations: 'database/migrations',
  lang: 'lang',
  cubeSchema: 'cube/schema/crm',
  root: import.meta.url,
})
