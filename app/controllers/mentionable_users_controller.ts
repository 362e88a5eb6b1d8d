import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { LIKE_ESCAPE, likePattern } from '#app/support/like'
import { normalizeName } from '#app/support/normalize'

const LIMIT = 8

/**
 * Users a note may mention (`@` in a note box): active users of the caller's organization whose
 * name contains what was typed, accent- and case-insensitive. Only names and ids: whoever may
 * write notes already sees colleagues' names as record owners.
 */
export default class MentionableUsersController {
  async index(ctx: HttpContext) {
    const q = String(ctx.request.input('q', '')).trim().slice(0, 60)
    const query = db
      .from('users')
      .where('organization_id', ctx.organization.id)
      .where('is_active', true)
      .orderBy('full_name_normalized')
      .limit(LIMIT)
      .select('id', 'full_name')
    if (q)
      query.whereRaw(`full_name_normalized LIKE ? ${LIKE_ESCAPE}`, [likePattern(normalizeName(q))])
    const users = await query
    return users.map((u) => ({ id: Number(u.id), name: String(u.full_name) }))
  }
}
