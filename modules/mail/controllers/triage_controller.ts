import type { HttpContext } from '@adonisjs/core/http'
import { listTriage, userOptions } from '../triage/list_triage.js'
import { tagOptions } from '../triage/message_tags.js'
import { triageQueryValidator } from '../validators/triage.js'
import type { TriagePage } from '../dto/triage.js'

/** Bandeja de clasificación: captured mail linked to no record yet, by tag if asked. */
export default class TriageController {
  async index(ctx: HttpContext) {
    ctx.access.authorize('mail.messages.view')
    const query = await triageQueryValidator.validate(ctx.request.qs())
    const filter = { before: query.before ?? null, tag: query.tag || null }
    const [page, users, tags] = await Promise.all([
      listTriage(ctx.access, filter),
      userOptions(ctx.organization.id),
      tagOptions(ctx.organization.id),
    ])
    const props: TriagePage = {
      ...page,
      users,
      tags,
      tag: filter.tag,
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
