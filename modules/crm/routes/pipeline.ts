import type { HttpRouterService } from '@adonisjs/core/types'

const OpportunitiesController = () => import('../controllers/opportunities_controller.js')
const TeamsController = () => import('../controllers/opportunities_teams_controller.js')
const ListController = () => import('../controllers/opportunities_list_controller.js')

/** The pipeline feature's routes (behind login, under /crm); routes.ts calls this. */
export default function registerPipelineRoutes(router: HttpRouterService) {
  const id = router.matchers.number()
  const C = OpportunitiesController
  // The board shares its filters (and saved views) with the list: both in ListController.
  router.get('/opportunities', [ListController, 'board']).as('crm.opportunities.index')
  router.get('/opportunities/board', [ListController, 'board']).as('crm.opportunities.board')
  router.get('/opportunities/column', [ListController, 'column']).as('crm.opportunities.column')
  router
    .get('/opportunities/lookup', [
      () => import('../controllers/record_lookups_controller.js'),
      'opportunities',
    ])
    .as('crm.opportunities.lookup')
  router.post('/opportunities', [C, 'store']).as('crm.opportunities.store')
  router.get('/opportunities/create', [C, 'create']).as('crm.opportunities.create')
  router.get('/opportunities/:id', [C, 'show']).where('id', id).as('crm.opportunities.show')
  router.patch('/opportunities/:id/stage', [C, 'move']).where('id', id).as('crm.opportunities.move')
  router.get('/opportunities/:id/edit', [C, 'edit']).where('id', id).as('crm.opportunities.edit')
  router.put('/opportunities/:id', [C, 'update']).where('id', id).as('crm.opportunities.update')
  router
    .get('/opportunities/:id/timeline', [C, 'timeline'])
    .where('id', id)
    .as('crm.opportunities.timeline')
  router
    .post('/opportunities/:id/reopen', [C, 'reopen'])
    .where('id', id)
    .as('crm.opportunities.reopen')
  // CRM › Equipos: pipelines per team and rep ratios (before /:id so `teams` is no id).
  const T = TeamsController
  router.get('/opportunities/teams', [T, 'index']).as('crm.opportunities.teams')
  router.post('/opportunities/teams/stages', [T, 'store']).as('crm.opportunities.stages.store')
  router
    .put('/opportunities/teams/stages/:id', [T, 'update'])
    .where('id', id)
    .as('crm.opportunities.stages.update')
  router
    .post('/opportunities/teams/stages/:id/move', [T, 'move'])
    .where('id', id)
    .as('crm.opportunities.stages.move')
  router
    .delete('/opportunities/teams/stages/:id', [T, 'destroy'])
    .where('id', id)
    .as('crm.opportunities.stages.destroy')
  router
    .post('/opportunities/teams/:id/copy', [T, 'copy'])
    .where('id', id)
    .as('crm.opportunities.teams.copy')
  // The list, its export and the delete to the recycle bin (static paths: no id to confuse).
  const L = ListController
  router.get('/opportunities/list', [L, 'index']).as('crm.opportunities.list')
  router.get('/opportunities/export', [L, 'export']).as('crm.opportunities.export')
  router.get('/opportunities/export/xlsx', [L, 'exportXlsx']).as('crm.opportunities.export_xlsx')
  router.post('/opportunities/bulk', [L, 'bulk']).as('crm.opportunities.bulk')
  router.get('/opportunities/bulk/export', [L, 'bulkExport']).as('crm.opportunities.bulk_export')
  router
    .post('/opportunities/bulk/export', [L, 'bulkExport'])
    .as('crm.opportunities.bulk_export_selection')
  router
    .delete('/opportunities/:id', [L, 'destroy'])
    .where('id', id)
    .as('crm.opportunities.destroy')
  // Contacts with roles, competitors and the sales process (steps per stage, ticks).
  const Links = () => import('../controllers/opportunity_links_controller.js')
  const P = () => import('../controllers/opportunity_steps_controller.js')
  router
    .get('/opportunities/contact-options', [Links, 'contacts'])
    .as('crm.opportunities.contact_options')
  router
    .get('/opportunities/competitor-options', [Links, 'competitors'])
    .as('crm.opportunities.competitor_options')
  router
    .put('/opportunities/:id/links', [Links, 'update'])
    .where('id', id)
    .as('crm.opportunities.links')
  router
    .patch('/opportunities/:id/steps/:stepId', [P, 'tick'])
    .where('id', id)
    .where('stepId', id)
    .as('crm.opportunities.steps.tick')
  router.post('/opportunities/teams/steps', [P, 'store']).as('crm.opportunities.steps.store')
  router
    .put('/opportunities/teams/steps/:id', [P, 'update'])
    .where('id', id)
    .as('crm.opportunities.steps.update')
  router
    .post('/opportunities/teams/steps/:id/move', [P, 'move'])
    .where('id', id)
    .as('crm.opportunities.steps.move')
  router
    .delete('/opportunities/teams/steps/:id', [P, 'destroy'])
    .where('id', id)
    .as('crm.opportunities.steps.destroy')
}
