import type { HttpContext } from '@adonisjs/core/http'
import { orBack, routeId } from '#app/support/http'
import { fileValidator, labelValidator } from '../validators/triage.js'
import {
  createLabel,
  deleteLabel,
  fileMessage,
  labelMessages,
  listLabels,
  ownLabel,
  renameLabel,
} from '../triage/labels.js'
import type { FoldersPage } from '../dto/folders.js'

/** Mis carpetas: a user's own labels for captured mail (nobody else sees them). */
export default class MailFoldersController {
  async index(ctx: HttpContext) {
    ctx.access.authorize('mail.messages.view')
    return this.#render(ctx, { labels: await listLabels(ctx.access), current: null })
  }

  async show(ctx: HttpContext) {
    ctx.access.authorize('mail.messages.view')
    const label = await ownLabel(ctx.access, routeId(ctx))
    const messages = await labelMessages(ctx.access, Number(label.id))
    return this.#render(ctx, {
      labels: await listLabels(ctx.access),
      current: { id: Number(label.id), name: label.name, messages },
    })
  }

  #render(ctx: HttpContext, props: FoldersPage) {
    if (ctx.request.accepts(['html', 'json']) === 'json') return props
    return ctx.inertia.render('mail/folders/index', props)
  }

  async store(ctx: HttpContext) {
    ctx.access.authorize('mail.messages.edit')
    const { name } = await ctx.request.validateUsing(labelValidator)
    return orBack(ctx, async () => {
      const id = await createLabel(ctx.access, name)
      ctx.session.flash('success', ctx.i18n.t('mail.folders.saved'))
      return ctx.response.redirect().toRoute('mail.folders.show', { id })
    })
  }

  async update(ctx: HttpContext) {
    ctx.access.authorize('mail.messages.edit')
    const { name } = await ctx.request.validateUsing(labelValidator)
    return orBack(ctx, async () => {
      await renameLabel(ctx.access, routeId(ctx), name)
      ctx.session.flash('success', ctx.i18n.t('mail.folders.saved'))
      return ctx.response.redirect().back()
    })
  }

  async destroy(ctx: HttpContext) {
    ctx.access.authorize('mail.messages.edit')
    await deleteLabel(ctx.access, routeId(ctx))
    ctx.session.flash('success', ctx.i18n.t('mail.folders.deleted'))
    return ctx.response.redirect().toRoute('mail.folders.index')
  }

  async file(ctx: HttpContext) {
    ctx.access.authorize('mail.messages.edit')
    const { messageId, filed } = await ctx.request.validateUsing(fileValidator)
    await fileMessage(ctx.access, routeId(ctx), messageId, filed)
    ctx.session.flash('success', ctx.i18n.t(filed ? 'mail.folders.filed' : 'mail.folders.unfiled'))
    return ctx.response.redirect().back()
  }
}
