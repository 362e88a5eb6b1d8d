import type { HttpRouterService } from '@adonisjs/core/types'

const ActivitiesController = () => import('../activities/activities_controller.js')
const CalendarController = () => import('../activities/calendar_controller.js')
const ActivityTypesController = () => import('../activities/activity_types_controller.js')
const TaskRulesController = () => import('../activities/task_rules_controller.js')

/** The activities feature's routes (behind login, under /crm); routes.ts calls this. */
export default function registerActivitiesRoutes(router: HttpRouterService) {
  const id = router.matchers.number()
  router.get('/activities', [ActivitiesController, 'index']).as('crm.activities.index')
  router.post('/activities', [ActivitiesController, 'store']).as('crm.activities.store')
  router
    .get('/activities/preferences', [ActivitiesController, 'preferences'])
    .as('crm.activities.preferences')
  router
    .put('/activities/preferences', [ActivitiesController, 'savePreferences'])
    .as('crm.activities.preferences_save')
  router
    .get('/activities/contact-options', [ActivitiesController, 'contactOptions'])
    .as('crm.activities.contact_options')
  router
    .put('/activities/:id', [ActivitiesController, 'update'])
    .where('id', id)
    .as('crm.activities.update')
  router
    .get('/activities/:id', [ActivitiesController, 'show'])
    .where('id', id)
    .as('crm.activities.show')
  router
    .post('/activities/:id/complete', [ActivitiesController, 'complete'])
    .where('id', id)
    .as('crm.activities.complete')
  router
    .patch('/activities/:id/move', [ActivitiesController, 'move'])
    .where('id', id)
    .as('crm.activities.move')
  router
    .delete('/activities/:id', [ActivitiesController, 'destroy'])
    .where('id', id)
    .as('crm.activities.destroy')

  router.get('/calendar', [CalendarController, 'index']).as('crm.calendar.index')
  router.get('/calendar/events', [CalendarController, 'events']).as('crm.calendar.events')
  router.post('/calendar/feed', [CalendarController, 'regenerate']).as('crm.calendar.feed')
  router.delete('/calendar/feed', [CalendarController, 'revoke']).as('crm.calendar.feed_revoke')

  router.get('/activity-types', [ActivityTypesController, 'index']).as('crm.activity_types.index')
  router.post('/activity-types', [ActivityTypesController, 'store']).as('crm.activity_types.store')
  router
    .put('/activity-types/:id', [ActivityTypesController, 'update'])
    .where('id', id)
    .as('crm.activity_types.update')

  router.get('/task-rules', [TaskRulesController, 'index']).as('crm.task_rules.index')
  router.post('/task-rules', [TaskRulesController, 'store']).as('crm.task_rules.store')
  router
    .put('/task-rules/:id', [TaskRulesController, 'update'])
    .where('id', id)
    .as('crm.task_rules.update')
}
