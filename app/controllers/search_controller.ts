import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { search } from '#app/search/search'

const searchValidator = vine.compile(
  vine.object({
    q: vine.string().trim().maxLength(100),
    limit: vine.number().min(1).max(20).optional(),
  })
)

export default class SearchController {
  /**
   * `GET /search?q=…[&limit=]` (JSON): the user's hits in every enabled module, grouped by
   * resource, each group with its resource's label (translated) — the command palette's source.
   */
  async index({ request, access, i18n }: HttpContext) {
    const { q, limit } = await request.validateUsing(searchValidator, { data: request.qs() })
    const groups = await search(access, { q, limit: limit ?? 5 })
    return {
      q,
      groups: groups.map((g) => ({ ...g, label: i18n.t(g.label) })),
    }
  }
}
