import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { inbox } from '#app/notifications/inbox'

const pageValidator = vine.compile(
  vine.object({
    before: vine.number().positive().withoutDecimals().optional(),
    unread: vine.boolean().optional(),
  })
)

/** The signed-in user's notifications: the bell (JSON), the full page, marking read. */
export default class NotificationsController {
  /** The page "Notificaciones": newest first, 20 at a time (`?before=<id>` for older). */
  async index({ inertia, auth, request, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const filters = await pageValidator.validate(request.qs())
    const page = await inbox.page(user.id, i18n.locale, {
      before: filters.before,
      unread: filters.unread,
    })
    return inertia.render('notifications/index', {
      page,
      unread: await inbox.unread(user.id),
      filters: { before: filters.before ?? null, unread: !!filters.unread },
    })
  }

  /** The bell: unread count (capped) and the latest ones. Fetched by the client, not per page. */
  async summary({ auth, i18n, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const [unread, latest] = await Promise.all([
      inbox.unread(user.id),
      inbox.page(user.id, i18n.locale, { limit: 8 }),
    ])
    response.header('Cache-Control', 'no-store')
    return { unread, items: latest.items, more: latest.next !== null }
  }

  async read({ auth, params, request, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const { found } = await inbox.markRead(user.id, Number(params.id))
    if (!found) return response.notFound()
    if (request.header('x-inertia')) return response.redirect().back()
    return { unread: await inbox.unread(user.id) }
  }

  async readAll({ auth, request, response }: HttpContext) {
    const user = auth.getUserOrFail()
    await inbox.markAllRead(user.id)
    if (request.header('x-inertia')) return response.redirect().back()
    return { unread: 0 }
  }

  /** Opens a notification's link (the bell, the page, a mail) and marks it read. */
  async open({ auth, params, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const { found, link } = await inbox.markRead(user.id, Number(params.id))
    if (!found) return response.notFound()
    return response.redirect(link ?? '/notifications')
  }
}
