import type { HttpContext } from '@adonisjs/core/http'
import { tablerIcon } from '#app/registry/icons'

export default class IconsController {
  /**
   * `GET /icons/:name` (JSON): the drawing of any Tabler icon, so the page shell draws the icons
   * modules name (navigation, home cards) without bundling the whole set. Cached by browsers.
   */
  async show({ params, response }: HttpContext) {
    const icon = await tablerIcon(String(params.name))
    if (!icon) return response.notFound({ message: 'unknown icon' })
    response.header('Cache-Control', 'private, max-age=86400')
    return icon
  }
}
