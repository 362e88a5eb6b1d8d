/*
| Mail routes. The kernel mounts them under /mail behind auth, access and the module guard.
| Every name starts with "mail.".
*/
import type { HttpRouterService } from '@adonisjs/core/types'

const MailboxesController = () => import('./controllers/mailboxes_controller.js')
const MessagesController = () => import('./controllers/messages_controller.js')

export default function register(router: HttpRouterService) {
  const id = router.matchers.number()
  router.get('/mailboxes', [MailboxesController, 'index']).as('mail.mailboxes.index')
  router.get('/messages/:id', [MessagesController, 'show']).where('id', id).as('mail.messages.show')
}
