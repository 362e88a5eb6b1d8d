import type { HttpContext } from '@adonisjs/core/http'
import { notFound } from '#app/support/http'
import { feedIcs } from './feed.js'

/** The public ICS feed: an unknown or revoked token answers 404 like any missing page. */
export default class FeedController {
  async show(ctx: HttpContext) {
    const token = String(ctx.params.token).replace(/\.ics$/, '')
    const text = (await feedIcs(ctx.organization.id, token)) ?? notFound()
    ctx.response.header('Content-Type', 'text/calendar; charset=utf-8')
    ctx.response.header('Content-Disposition', 'inline; filename="cartera.ics"')
    return text
  }
}
