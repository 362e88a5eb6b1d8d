import type { HttpContext } from '@adonisjs/core/http'
import { homeCards, homeWidgets } from '#app/ui/home_cards'

export default class HomeController {
  /**
   * "Mi día". Props are functions so a partial reload (`only: ['widgets']`, the page's refresh)
   * runs only the card loaders.
   */
  async show(ctx: HttpContext) {
    return ctx.inertia.render('home', {
      cards: () => homeCards(ctx),
      widgets: () => homeWidgets(ctx),
    })
  }
}
