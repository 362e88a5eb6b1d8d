import { defineModule } from '#app/registry/types'

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
      documents: {
        subjectType: 'crm.company',
        recordAccess: () => import('./actions/documents/company_access.js'),
      },
    },
    {
      key: 'crm.contacts',
      label: 'crm.contacts.title',
      actions: ['view', 'create', 'edit', 'delete', 'export'],
      documents: {
        subjectType: 'crm.contact',
        recordAccess: () => import('./actions/documents/contact_access.js'),
      },
    },
  ],
  subjects: [
    {
      type: 'crm.company',
      label: 'crm.companies.one',
      fields: 'crm.companies.fields',
      collection: 'crm.companies.collection',
      values: { type: 'crm.types', industry: 'crm.industries' },
    },
    {
      type: 'crm.contact',
      label: 'crm.contacts.one',
      fields: 'crm.contacts.fields',
      collection: 'crm.contacts.collection',
      fieldLabels: { name: 'crm.contacts.full_name' },
    },
  ],
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
