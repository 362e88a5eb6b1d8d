import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { notFound, routeId } from '#app/support/http'
import { mailboxList } from './mailbox_list.js'
import { mailRefetch, mailSync } from '../jobs/index.js'

/** Correo › Buzones: every mailbox with its reconciliation ledger and health. */
export default class MailboxesController {
  async index(ctx: HttpContext) {
    ctx.access.authorize('mail.mailboxes.view')
    return ctx.inertia.render('mail/mailboxes/index', {
      mailboxes: await mailboxList(ctx.organization.id, (key, params) => ctx.i18n.t(key, params)),
      canConfigure: ctx.access.can('mail.mailboxes.configure'),
    })
  }

  /** "Sincronizar ahora": one sync job (a running sync makes it a no-op). */
  async sync(ctx: HttpContext) {
    const id = await this.imapMailbox(ctx)
    await mailSync.dispatch({ mailboxId: id })
    ctx.session.flash('success', ctx.i18n.t('mail.mailboxes.sync_queued'))
    return ctx.response.redirect().back()
  }

  /** "Pedir los que faltan": every server message the ledger lacks is offered again. */
  async refetch(ctx: HttpContext) {
    const id = await this.imapMailbox(ctx)
    await mailRefetch.dispatch({ mailboxId: id })
    ctx.session.flash('success', ctx.i18n.t('mail.mailboxes.refetch_queued'))
    return ctx.response.redirect().back()
  }

  private async imapMailbox(ctx: HttpContext): Promise<number> {
    ctx.access.authorize('mail.mailboxes.configure')
    const row = await db
      .from('mail_mailboxes')
      .where({ organization_id: ctx.organization.id, id: routeId(ctx) })
      .whereNotNull('imap_host')
      .select('id')
      .first()
    if (!row) notFound()
    return Number(row.id)
  }
}
