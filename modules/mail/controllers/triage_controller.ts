import type { HttpContext } from '@adonisjs/core/http'
import { listTriage, userOptions } from '../triage/list_triage.js'
import type { TriagePage } from '../dto/triage.js'

/** Bandeja de clasificación: captured mail linked to no record yet. */
export default class TriageController {
  async index(ctx: HttpContext) {
    ctx.access.authorize('mail.messages.view')
    const before = Number(ctx.request.input('before')) || null
    const page = await listTriage(ctx.access, before)
    const props: TriagePage = {
      ...page,
      users: await userOptions(ctx.organization.id),
      can: {
        manage: ctx.access.can('mail.messages.manage'),
        edit: ctx.access.can('mail.messages.edit'),
        createContact: ctx.access.can('crm.contacts.create'),
      },
    }
    if (ctx.request.accepts(['html', 'json']) === 'json') return props
    return ctx.inertia.render('mail/triage/index', props)
  }
}
