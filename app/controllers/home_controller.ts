import type { HttpContext } from '@adonisjs/core/http'
import { homeCards } from '#app/ui/home_cards'

export default class HomeController {
  async show(ctx: HttpContext) {
    return ctx.inertia.render('home', { cards: await homeCards(ctx) })
  }
}
