import type { HttpContext } from '@adonisjs/core/http'
import { actor, flashFieldErrors, orBack, routeId } from '#app/support/http'
import {
  assignValidator,
  moveValidator,
  senderContactValidator,
  spamValidator,
} from '../validators/triage.js'
import { parseRecordRef } from '../triage/record_ref.js'
import { moveMessage } from '../triage/move_message.js'
import { assignMessage } from '../triage/assign_message.js'
import { markSpam } from '../triage/mark_spam.js'
import { contactFromSender } from '../triage/contact_from_sender.js'

/** Acting on one captured message: move it, hand it over, mark it spam, contact from sender. */
export default class TriageMessagesController {
  async move(ctx: HttpContext) {
    ctx.access.authorize('mail.messages.edit')
    const data = await ctx.request.validateUsing(moveValidator)
    const record = parseRecordRef(data.record)
    if (!record) {
      flashFieldErrors(ctx, { record: ctx.i18n.t('mail.triage.errors.record') })
      return ctx.response.redirect().back()
    }
    return orBack(ctx, async () => {
      const params = { ...actor(ctx), messageId: routeId(ctx), record }
      await moveMessage({ ...params, scope: data.scope ?? 'thread' })
      ctx.session.flash('success', ctx.i18n.t('mail.triage.moved'))
      return ctx.response.redirect().back()
    })
  }

  async assign(ctx: HttpContext) {
    ctx.access.authorize('mail.messages.view')
    const { userId } = await ctx.request.validateUsing(assignValidator)
    return orBack(ctx, async () => {
      await assignMessage({ ...actor(ctx), messageId: routeId(ctx), userId })
      ctx.session.flash('success', ctx.i18n.t('mail.triage.assigned'))
      return ctx.response.redirect().back()
    })
  }

  async spam(ctx: HttpContext) {
    ctx.access.authorize('mail.messages.edit')
    const { spam } = await ctx.request.validateUsing(spamValidator)
    await markSpam({ ...actor(ctx), messageId: routeId(ctx), spam })
    ctx.session.flash('success', ctx.i18n.t(spam ? 'mail.triage.spammed' : 'mail.triage.unspammed'))
    return ctx.response.redirect().back()
  }

  async contact(ctx: HttpContext) {
    ctx.access.authorize('mail.messages.edit')
    ctx.access.authorize('crm.contacts.create')
    const data = await ctx.request.validateUsing(senderContactValidator)
    return orBack(ctx, async () => {
      await contactFromSender({ ...actor(ctx), messageId: routeId(ctx), ...data })
      ctx.session.flash('success', ctx.i18n.t('mail.triage.contact_created'))
      return ctx.response.redirect().back()
    })
  }
}
