import type { HttpRouterService } from '@adonisjs/core/types'

const MailRulesController = () => import('../controllers/mail_rules_controller.js')

/** Capture rules and the blocklist (under /mail). */
export default function registerRulesRoutes(router: HttpRouterService) {
  const id = router.matchers.number()
  router.get('/rules', [MailRulesController, 'index']).as('mail.rules.index')
  router.post('/rules', [MailRulesController, 'store']).as('mail.rules.store')
  router.put('/rules/:id', [MailRulesController, 'update']).where('id', id).as('mail.rules.update')
  router
    .delete('/rules/:id', [MailRulesController, 'destroy'])
    .where('id', id)
    .as('mail.rules.destroy')
  router
    .post('/rules/:id/move', [MailRulesController, 'move'])
    .where('id', id)
    .as('mail.rules.move')
  router.post('/blocklist', [MailRulesController, 'block']).as('mail.blocklist.store')
  router
    .delete('/blocklist/:id', [MailRulesController, 'unblock'])
    .where('id', id)
    .as('mail.blocklist.destroy')
}
