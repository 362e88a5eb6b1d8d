import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { flashFieldErrors, translateRule } from '#app/support/http'
import { RuleError } from '#app/support/rule_error'
import { toDate } from '#app/support/dates'
import { recordCards } from '#modules/crm/contracts/index'
import { composeValidator } from '../validators/compose.js'
import { MERGE_FIELDS } from '../compose/merge.js'
import {
  parseRecord,
  recordMergeData,
  sendingMailboxes,
  visibleRecord,
} from '../compose/sources.js'
import { replyDraft, type ReplyMode } from '../compose/reply.js'
import { listTemplates } from '../compose/templates.js'
import { queueMail } from '../compose/queue.js'
import { SEND_ATTEMPTS } from '../compose/send.js'
import { recordDocuments } from '../compose/record_documents.js'
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../compose/attachments.js'
import type { ComposePageProps, OutboxRowDto } from '../dto/compose.js'

const SEND = 'mail.messages.send'

/**
 * Why a send failed, in the reader's language (the words of «Probar envío») followed by the
 * server's own message; an unknown failure is the server's message alone.
 */
function sendError(ctx: HttpContext, code: string | null, error: string | null) {
  if (!error) return null
  if (!code || code === 'unknown') return error
  if (code === 'build_failed') return `${ctx.i18n.t('mail.compose.outbox.build_failed')} (${error})`
  const [main, detail] = code.split('.')
  const key =
    main === 'certificate' && detail
      ? `mail.mailboxes_admin.test.certificate.${detail}`
      : `mail.mailboxes_admin.test.codes.${main}`
  return `${ctx.i18n.t(key, { message: error })} (${error})`
}
const MODES = ['reply', 'reply_all', 'forward'] as const

/**
 * Writing mail from a record (new, reply, reply-all, forward) for `mail.messages.send`, on a
 * record the user may see (else 404). Thin: permission → validate → one action.
 */
export default class ComposeController {
  async create(ctx: HttpContext) {
    ctx.access.authorize(SEND)
    const userId = ctx.auth.getUserOrFail().id
    const ref = parseRecord(ctx.request.qs().record)
    const card = await visibleRecord(ctx.access, ref)
    const replyId = Number(ctx.request.qs().reply) || null
    const askedMode = String(ctx.request.qs().mode ?? 'reply')
    const mode: ReplyMode = (MODES as readonly string[]).includes(askedMode)
      ? (askedMode as ReplyMode)
      : 'reply'
    const organizationId = ctx.organization.id
    const [merge, mailboxes, templates, reply, documents] = await Promise.all([
      recordMergeData(organizationId, card, userId),
      sendingMailboxes(organizationId, userId),
      listTemplates(organizationId),
      replyId ? replyDraft(ctx.access, replyId, mode) : null,
      recordDocuments(ctx.access, card),
    ])
    const props: ComposePageProps = {
      record: { ...card, key: `${card.type}:${card.id}` },
      mailboxes,
      recipients: merge.recipients,
      templates,
      mergeValues: merge.values,
      fields: MERGE_FIELDS.map((f) => ({ name: f.name, alias: f.alias })),
      limits: { files: MAX_ATTACHMENTS, bytes: MAX_ATTACHMENT_BYTES },
      documents,
      draft: reply
        ? { ...reply, mode }
        : {
            replyToMessageId: null,
            mode: 'new',
            to: merge.recipients.slice(0, 1).map((r) => r.email),
            cc: [],
            subject: '',
            body: '',
          },
    }
    return ctx.inertia.render('mail/compose/create', props as any)
  }

  async store(ctx: HttpContext) {
    ctx.access.authorize(SEND)
    const data = await ctx.request.validateUsing(composeValidator)
    const attachments = ctx.request
      .files('attachments')
      .flatMap((f) => (f.tmpPath ? [{ tmpPath: f.tmpPath, clientName: f.clientName }] : []))
    const queue = async () => {
      const { recordHref } = await queueMail(ctx.access, ctx.auth.getUserOrFail().id, {
        ...data,
        record: parseRecord(data.record),
        attachments,
      })
      ctx.session.flash('success', ctx.i18n.t('mail.compose.queued'))
      return ctx.response.redirect(recordHref)
    }
    try {
      return await queue()
    } catch (error) {
      if (!(error instanceof RuleError)) throw error
      const message = translateRule(ctx, error.key, error.values)
      // An API client gets the refusal as a 422, like a validation error.
      if (ctx.request.accepts(['html', 'json']) === 'json')
        return ctx.response.status(422).send({ errors: [{ field: error.field, message }] })
      // The form goes back to its draft: the compose page needs its query (?record=…).
      if (error.field) flashFieldErrors(ctx, { [error.field]: message })
      else ctx.session.flash('error', message)
      return ctx.response.redirect().withQs().back()
    }
  }

  /** The user's own recent mail and how its sending went (failed ones with the error). */
  async outbox(ctx: HttpContext) {
    ctx.access.authorize(SEND)
    const rows = await db
      .from('mail_outbox')
      .where({ organization_id: ctx.organization.id, user_id: ctx.auth.getUserOrFail().id })
      .orderBy('id', 'desc')
      .limit(50)
      .select(
        'id',
        'subject',
        'to_json',
        'status',
        'attempts',
        'error',
        'error_code',
        'record_type',
        'record_id',
        'created_at'
      )
    const cards = await recordCards(
      ctx.organization.id,
      rows.map((r) => ({ type: r.record_type, id: Number(r.record_id) })),
      ctx.access
    )
    const hrefOf = (r: any) =>
      cards.find((c) => c.type === r.record_type && c.id === Number(r.record_id))?.href ?? null
    const items: OutboxRowDto[] = rows.map((r) => ({
      id: Number(r.id),
      subject: r.subject,
      to: JSON.parse(r.to_json).map((a: { address: string }) => a.address),
      status: r.status,
      attempts: Number(r.attempts),
      maxAttempts: SEND_ATTEMPTS,
      error: sendError(ctx, r.error_code, r.error),
      recordHref: hrefOf(r),
      createdAt: toDate(r.created_at).toISOString(),
    }))
    return ctx.inertia.render('mail/compose/outbox', { items })
  }
}
