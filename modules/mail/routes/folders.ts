import type { HttpRouterService } from '@adonisjs/core/types'

const MailFoldersController = () => import('../controllers/mail_folders_controller.js')

/** Personal folders (labels) for captured mail (under /mail). */
export default function registerFoldersRoutes(router: HttpRouterService) {
  const id = router.matchers.number()
  router.get('/folders', [MailFoldersController, 'index']).as('mail.folders.index')
  router.post('/folders', [MailFoldersController, 'store']).as('mail.folders.store')
  router
    .get('/folders/:id', [MailFoldersController, 'show'])
    .where('id', id)
    .as('mail.folders.show')
  router
    .put('/folders/:id', [MailFoldersController, 'update'])
    .where('id', id)
    .as('mail.folders.update')
  router
    .delete('/folders/:id', [MailFoldersController, 'destroy'])
    .where('id', id)
    .as('mail.folders.destroy')
  router
    .post('/folders/:id/messages', [MailFoldersController, 'file'])
    .where('id', id)
    .as('mail.folders.file')
}
