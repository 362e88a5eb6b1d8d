import type { HttpRouterService } from '@adonisjs/core/types'

const TriageMessagesController = () => import('../controllers/triage_messages_controller.js')
const TriageController = () => import('../controllers/triage_controller.js')

/** Triage inbox and acting on a captured message (under /mail). */
export default function registerTriageRoutes(router: HttpRouterService) {
  const id = router.matchers.number()
  router.get('/triage', [TriageController, 'index']).as('mail.triage.index')
  router
    .post('/messages/:id/move', [TriageMessagesController, 'move'])
    .where('id', id)
    .as('mail.messages.move')
  router
    .post('/messages/:id/assign', [TriageMessagesController, 'assign'])
    .where('id', id)
    .as('mail.messages.assign')
  router
    .post('/messages/:id/spam', [TriageMessagesController, 'spam'])
    .where('id', id)
    .as('mail.messages.spam')
  router
    .post('/messages/:id/contact', [TriageMessagesController, 'contact'])
    .where('id', id)
    .as('mail.messages.contact')
}
