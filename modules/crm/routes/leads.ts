import type { HttpRouterService } from '@adonisjs/core/types'

const LeadsController = () => import('../controllers/leads_controller.js')
const WebFormsController = () => import('../controllers/web_forms_controller.js')
const LookupsController = () => import('../controllers/record_lookups_controller.js')

/** The leads feature's routes (behind login, under /crm); routes.ts calls this. */
export default function registerLeadsRoutes(router: HttpRouterService) {
  const id = router.matchers.number()
  router.get('/leads', [LeadsController, 'index']).as('crm.leads.index')
  router.get('/leads/lookup', [LookupsController, 'leads']).as('crm.leads.lookup')
  router.get('/leads/create', [LeadsController, 'create']).as('crm.leads.create')
  router.post('/leads', [LeadsController, 'store']).as('crm.leads.store')
  router.get('/leads/export', [LeadsController, 'export']).as('crm.leads.export')
  router.get('/leads/export/xlsx', [LeadsController, 'exportXlsx']).as('crm.leads.export_xlsx')
  router.post('/leads/bulk', [LeadsController, 'bulk']).as('crm.leads.bulk')
  router.get('/leads/bulk/export', [LeadsController, 'bulkExport']).as('crm.leads.bulk_export')
  // A selection's ids in the body: too many for a query string.
  router
    .post('/leads/bulk/export', [LeadsController, 'bulkExport'])
    .as('crm.leads.bulk_export_selection')
  router.get('/leads/:id', [LeadsController, 'show']).where('id', id).as('crm.leads.show')
  router.get('/leads/:id/edit', [LeadsController, 'edit']).where('id', id).as('crm.leads.edit')
  router.put('/leads/:id', [LeadsController, 'update']).where('id', id).as('crm.leads.update')
  router.patch('/leads/:id/field', [LeadsController, 'field']).where('id', id).as('crm.leads.field')
  router.post('/leads/:id/link', [LeadsController, 'link']).where('id', id).as('crm.leads.link')
  router.delete('/leads/:id', [LeadsController, 'destroy']).where('id', id).as('crm.leads.destroy')
  router
    .post('/leads/:id/convert', [LeadsController, 'convert'])
    .where('id', id)
    .as('crm.leads.convert')
  router
    .post('/leads/:id/disqualify', [LeadsController, 'disqualify'])
    .where('id', id)
    .as('crm.leads.disqualify')
  router
    .post('/leads/:id/reopen', [LeadsController, 'reopen'])
    .where('id', id)
    .as('crm.leads.reopen')
  router.post('/leads/:id/merge', [LeadsController, 'merge']).where('id', id).as('crm.leads.merge')
  router
    .post('/leads/:id/notes', [LeadsController, 'note'])
    .where('id', id)
    .as('crm.leads.notes.store')
  router
    .get('/leads/:id/timeline', [LeadsController, 'timeline'])
    .where('id', id)
    .as('crm.leads.timeline')

  router.get('/web-forms', [WebFormsController, 'index']).as('crm.web_forms.index')
  router.post('/web-forms', [WebFormsController, 'store']).as('crm.web_forms.store')
  router
    .put('/web-forms/:id', [WebFormsController, 'update'])
    .where('id', id)
    .as('crm.web_forms.update')
}
