import type { HttpRouterService } from '@adonisjs/core/types'

const MailboxesAdminController = () => import('../controllers/mailboxes_admin_controller.js')

/** Mailbox administration: create, edit, delete, test the servers (under /mail). */
export default function registerMailboxesAdminRoutes(router: HttpRouterService) {
  const id = router.matchers.number()
  router.get('/mailboxes/create', [MailboxesAdminController, 'create']).as('mail.mailboxes.create')
  router.post('/mailboxes', [MailboxesAdminController, 'store']).as('mail.mailboxes.store')
  router.post('/mailboxes/test', [MailboxesAdminController, 'test']).as('mail.mailboxes.test')
  router
    .get('/mailboxes/:id/edit', [MailboxesAdminController, 'edit'])
    .where('id', id)
    .as('mail.mailboxes.edit')
  router
    .put('/mailboxes/:id', [MailboxesAdminController, 'update'])
    .where('id', id)
    .as('mail.mailboxes.update')
  router
    .delete('/mailboxes/:id', [MailboxesAdminController, 'destroy'])
    .where('id', id)
    .as('mail.mailboxes.destroy')
}
