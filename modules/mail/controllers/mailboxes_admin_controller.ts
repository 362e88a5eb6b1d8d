import type { HttpContext } from '@adonisjs/core/http'
import { orBack, routeId } from '#app/support/http'
import { connectionTestValidator, mailboxValidator } from '../validators/mailboxes_admin.js'
import {
  mailboxFormOptions,
  mailboxRow,
  mailboxValues,
  storedPassword,
} from '../mailboxes_admin/mailbox_values.js'
import { saveMailbox } from '../mailboxes_admin/save_mailbox.js'
import { deleteMailbox } from '../mailboxes_admin/delete_mailbox.js'
import { testImap, testSmtp, type ConnectionResult } from '../net/test_connection.js'
import type { ConnectionTestDto } from '../dto/mailboxes_admin.js'

const CONFIGURE = 'mail.mailboxes.configure'
const T = 'mail.mailboxes_admin'
/** The mailbox list (built beside this feature); forms return to it. */
const LIST = '/mail/mailboxes'

/**
 * Correo › Buzones: create, edit and delete a mailbox, and test its IMAP and SMTP servers, for
 * `mail.mailboxes.configure`. Thin: permission → validate → one action.
 */
export default class MailboxesAdminController {
  async create(ctx: HttpContext) {
    ctx.access.authorize(CONFIGURE)
    return ctx.inertia.render('mail/mailboxes_admin/form', {
      mailbox: null,
      options: await mailboxFormOptions(ctx.organization.id),
    })
  }

  async edit(ctx: HttpContext) {
    ctx.access.authorize(CONFIGURE)
    const [mailbox, options] = await Promise.all([
      mailboxValues(ctx.organization.id, routeId(ctx)),
      mailboxFormOptions(ctx.organization.id),
    ])
    return ctx.inertia.render('mail/mailboxes_admin/form', { mailbox, options })
  }

  async store(ctx: HttpContext) {
    return this.#save(ctx)
  }

  async update(ctx: HttpContext) {
    return this.#save(ctx, routeId(ctx))
  }

  async #save(ctx: HttpContext, mailboxId?: number) {
    ctx.access.authorize(CONFIGURE)
    if (mailboxId) await mailboxRow(ctx.organization.id, mailboxId) // another organization's: 404
    const data = await ctx.request.validateUsing(mailboxValidator)
    return orBack(ctx, async () => {
      await saveMailbox({ organizationId: ctx.organization.id, mailboxId, data })
      ctx.session.flash('success', ctx.i18n.t(`${T}.saved`))
      return ctx.response.redirect().toPath(LIST)
    })
  }

  async destroy(ctx: HttpContext) {
    ctx.access.authorize(CONFIGURE)
    const { removedMessages } = await deleteMailbox({
      organizationId: ctx.organization.id,
      mailboxId: routeId(ctx),
      actorId: ctx.auth.getUserOrFail().id,
    })
    ctx.session.flash('success', ctx.i18n.t(`${T}.deleted`, { count: removedMessages }))
    return ctx.response.redirect().toPath(LIST)
  }

  /** "Probar conexión" (IMAP, lists the folders) and "Probar envío" (SMTP verify), as JSON. */
  async test(ctx: HttpContext): Promise<ConnectionTestDto> {
    ctx.access.authorize(CONFIGURE)
    const data = await ctx.request.validateUsing(connectionTestValidator)
    const password =
      data.password ||
      (data.mailboxId
        ? await storedPassword(ctx.organization.id, data.mailboxId, data.target)
        : null)
    const settings = {
      host: data.host,
      port: data.port,
      security: data.security,
      user: data.user ?? null,
      password,
    }
    const result = data.target === 'imap' ? await testImap(settings) : await testSmtp(settings)
    return { ...describeResult(ctx, data.target, result) }
  }
}

function describeResult(
  ctx: HttpContext,
  target: 'imap' | 'smtp',
  result: ConnectionResult
): ConnectionTestDto {
  if (result.ok)
    return {
      ok: true,
      code: null,
      message: ctx.i18n.t(`${T}.test.ok_${target}`, { count: result.folders?.length ?? 0 }),
      folders: result.folders,
    }
  const key =
    result.code === 'certificate' && result.detail
      ? `${T}.test.certificate.${result.detail}`
      : `${T}.test.codes.${result.code}`
  return {
    ok: false,
    code: result.code,
    message: ctx.i18n.t(key, { message: result.message ?? '' }),
  }
}
