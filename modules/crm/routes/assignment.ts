import type { HttpRouterService } from '@adonisjs/core/types'

const AssignmentController = () => import('../controllers/assignment_controller.js')

/** Lead assignment: rules, fallback, dry run, and "Reasignar" on a lead (under /crm). */
export default function registerAssignmentRoutes(router: HttpRouterService) {
  const id = router.matchers.number()
  router.get('/assignment/rules', [AssignmentController, 'index']).as('crm.assignment.rules.index')
  router
    .get('/assignment/rules/create', [AssignmentController, 'create'])
    .as('crm.assignment.rules.create')
  router.post('/assignment/rules', [AssignmentController, 'store']).as('crm.assignment.rules.store')
  router
    .get('/assignment/rules/:id/edit', [AssignmentController, 'edit'])
    .where('id', id)
    .as('crm.assignment.rules.edit')
  router
    .put('/assignment/rules/:id', [AssignmentController, 'update'])
    .where('id', id)
    .as('crm.assignment.rules.update')
  router
    .delete('/assignment/rules/:id', [AssignmentController, 'destroy'])
    .where('id', id)
    .as('crm.assignment.rules.destroy')
  router
    .post('/assignment/rules/:id/move', [AssignmentController, 'move'])
    .where('id', id)
    .as('crm.assignment.rules.move')
  router
    .put('/assignment/fallback', [AssignmentController, 'fallback'])
    .as('crm.assignment.fallback')
  router.get('/assignment/dry-run', [AssignmentController, 'dryRun']).as('crm.assignment.dry_run')
  router
    .post('/assignment/leads/:id/reassign', [AssignmentController, 'reassign'])
    .where('id', id)
    .as('crm.assignment.reassign')
}
