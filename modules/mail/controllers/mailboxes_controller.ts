import type { HttpContext } from '@adonisjs/core/http'
import { mailboxList } from './mailbox_list.js'

/** Correo › Buzones: every mailbox with its reconciliation ledger and health. */
export default class MailboxesController {
  async index(ctx: HttpContext) {
    ctx.access.authorize('mail.mailboxes.view')
    return ctx.inertia.render('mail/mailboxes/index', {
      mailboxes: await mailboxList(ctx.organization.id),
    })
  }
}
