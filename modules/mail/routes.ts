/*
| Mail routes. The kernel mounts them under /mail behind auth, access and the module guard.
| Every name starts with "mail." so validation messages are looked up under mail.validator.*.
*/
import type { HttpRouterService } from '@adonisjs/core/types'

import registerMailboxesAdminRoutes from './routes/mailboxes_admin.js'
import registerComposeRoutes from './routes/compose.js'
import registerTriageRoutes from './routes/triage.js'
import registerRulesRoutes from './routes/rules.js'
import registerFoldersRoutes from './routes/folders.js'

const MailboxesController = () => import('./controllers/mailboxes_controller.js')
const MessagesController = () => import('./controllers/messages_controller.js')

export default function register(router: HttpRouterService) {
  const id = router.matchers.number()
  router.get('/mailboxes', [MailboxesController, 'index']).as('mail.mailboxes.index')
  router
    .post('/mailboxes/:id/sync', [MailboxesController, 'sync'])
    .where('id', id)
    .as('mail.mailboxes.sync')
  router
    .post('/mailboxes/:id/refetch', [MailboxesController, 'refetch'])
    .where('id', id)
    .as('mail.mailboxes.refetch')
  router.get('/messages/:id', [MessagesController, 'show']).where('id', id).as('mail.messages.show')
  // Each feature registers its own routes (routes/*.ts).
  registerMailboxesAdminRoutes(router)
  registerComposeRoutes(router)
  registerTriageRoutes(router)
  registerRulesRoutes(router)
  registerFoldersRoutes(router)
}
