/*
| CRM routes. The kernel mounts them under /crm behind auth, access and the module guard.
| Every name starts with "crm." so validation messages are looked up under crm.validator.*.
*/
import type { HttpRouterService } from '@adonisjs/core/types'

import registerLeadsRoutes from './routes/leads.js'
import registerPipelineRoutes from './routes/pipeline.js'
import registerActivitiesRoutes from './routes/activities.js'
import registerAccountsRoutes from './routes/accounts.js'
import registerAssignmentRoutes from './routes/assignment.js'
import registerQuotasRoutes from './routes/quotas.js'

const CompaniesController = () => import('./controllers/companies_controller.js')
const ContactsController = () => import('./controllers/contacts_controller.js')

export default function register(router: HttpRouterService) {
  const id = { id: router.matchers.number() }

  router.get('/companies', [CompaniesController, 'index']).as('crm.companies.index')
  router.get('/companies/create', [CompaniesController, 'create']).as('crm.companies.create')
  router.get('/companies/export', [CompaniesController, 'export']).as('crm.companies.export')
  router
    .get('/companies/export/xlsx', [CompaniesController, 'exportXlsx'])
    .as('crm.companies.export_xlsx')
  router.post('/companies/bulk', [CompaniesController, 'bulk']).as('crm.companies.bulk')
  router
    .get('/companies/bulk/export', [CompaniesController, 'bulkExport'])
    .as('crm.companies.bulk_export')
  // A selection's ids in the body: too many for a query string.
  router
    .post('/companies/bulk/export', [CompaniesController, 'bulkExport'])
    .as('crm.companies.bulk_export_selection')
  router.get('/companies/lookup', [CompaniesController, 'lookup']).as('crm.companies.lookup')
  router.post('/companies', [CompaniesController, 'store']).as('crm.companies.store')
  router
    .get('/companies/:id', [CompaniesController, 'show'])
    .where('id', id.id)
    .as('crm.companies.show')
  router
    .get('/companies/:id/edit', [CompaniesController, 'edit'])
    .where('id', id.id)
    .as('crm.companies.edit')
  router
    .put('/companies/:id', [CompaniesController, 'update'])
    .where('id', id.id)
    .as('crm.companies.update')
  router
    .patch('/companies/:id/field', [CompaniesController, 'field'])
    .where('id', id.id)
    .as('crm.companies.field')
  router
    .delete('/companies/:id', [CompaniesController, 'destroy'])
    .where('id', id.id)
    .as('crm.companies.destroy')
  router
    .post('/companies/:id/notes', [CompaniesController, 'note'])
    .where('id', id.id)
    .as('crm.companies.notes.store')
  router
    .put('/companies/:id/notes/:note', [CompaniesController, 'updateNote'])
    .where('id', id.id)
    .where('note', id.id)
    .as('crm.companies.notes.update')
  router
    .delete('/companies/:id/notes/:note', [CompaniesController, 'destroyNote'])
    .where('id', id.id)
    .where('note', id.id)
    .as('crm.companies.notes.destroy')
  router
    .get('/companies/:id/timeline', [CompaniesController, 'timeline'])
    .where('id', id.id)
    .as('crm.companies.timeline')

  router.get('/contacts', [ContactsController, 'index']).as('crm.contacts.index')
  router.get('/contacts/create', [ContactsController, 'create']).as('crm.contacts.create')
  router.get('/contacts/export', [ContactsController, 'export']).as('crm.contacts.export')
  router
    .get('/contacts/export/xlsx', [ContactsController, 'exportXlsx'])
    .as('crm.contacts.export_xlsx')
  router.post('/contacts/bulk', [ContactsController, 'bulk']).as('crm.contacts.bulk')
  router
    .get('/contacts/bulk/export', [ContactsController, 'bulkExport'])
    .as('crm.contacts.bulk_export')
  // A selection's ids in the body: too many for a query string.
  router
    .post('/contacts/bulk/export', [ContactsController, 'bulkExport'])
    .as('crm.contacts.bulk_export_selection')
  router.get('/contacts/lookup', [ContactsController, 'lookup']).as('crm.contacts.lookup')
  router.post('/contacts', [ContactsController, 'store']).as('crm.contacts.store')
  router
    .get('/contacts/:id', [ContactsController, 'show'])
    .where('id', id.id)
    .as('crm.contacts.show')
  router
    .get('/contacts/:id/edit', [ContactsController, 'edit'])
    .where('id', id.id)
    .as('crm.contacts.edit')
  router
    .put('/contacts/:id', [ContactsController, 'update'])
    .where('id', id.id)
    .as('crm.contacts.update')
  router
    .patch('/contacts/:id/field', [ContactsController, 'field'])
    .where('id', id.id)
    .as('crm.contacts.field')
  router
    .delete('/contacts/:id', [ContactsController, 'destroy'])
    .where('id', id.id)
    .as('crm.contacts.destroy')
  router
    .post('/contacts/:id/notes', [ContactsController, 'note'])
    .where('id', id.id)
    .as('crm.contacts.notes.store')
  router
    .put('/contacts/:id/notes/:note', [ContactsController, 'updateNote'])
    .where('id', id.id)
    .where('note', id.id)
    .as('crm.contacts.notes.update')
  router
    .delete('/contacts/:id/notes/:note', [ContactsController, 'destroyNote'])
    .where('id', id.id)
    .where('note', id.id)
    .as('crm.contacts.notes.destroy')
  router
    .get('/contacts/:id/timeline', [ContactsController, 'timeline'])
    .where('id', id.id)
    .as('crm.contacts.timeline')

  // Each feature registers its own routes (routes/*.ts).
  registerLeadsRoutes(router)
  registerPipelineRoutes(router)
  registerActivitiesRoutes(router)
  registerAccountsRoutes(router)
  registerAssignmentRoutes(router)
  registerQuotasRoutes(router)
}
