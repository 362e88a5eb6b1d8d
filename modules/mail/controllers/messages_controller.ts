import type { HttpContext } from '@adonisjs/core/http'
import { notFound, routeId } from '#app/support/http'
import { messageAccess } from '../access/visibility.js'
import { messageView } from './message_view.js'
import { messageActionsProps } from '../triage/message_actions_props.js'

/** One captured message, as much of it as the reader may see; 404 when they may see none. */
export default class MessagesController {
  async show(ctx: HttpContext) {
    const id = routeId(ctx)
    const access = await messageAccess(ctx.access, id)
    if (!access) notFound()
    return ctx.inertia.render('mail/messages/show', {
      message: await messageView(ctx.access, id, access.level),
      actions: await messageActionsProps(ctx.access, id),
      canSend: ctx.access.can('mail.messages.send'),
    })
  }
}
