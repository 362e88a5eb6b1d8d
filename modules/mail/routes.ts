/*
| Mail routes. The kernel mounts them under /mail behind login and the module guard. Every name
| starts with "mail.". Each feature registers its own routes (routes/*.ts).
*/
import type { HttpRouterService } from '@adonisjs/core/types'
import registerComposeRoutes from './routes/compose.js'

export default function register(router: HttpRouterService) {
  registerComposeRoutes(router)
}
