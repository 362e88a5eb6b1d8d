/*
| Mail routes. The kernel mounts them under /mail behind auth, access and the module guard.
| Every name starts with "mail." so validation messages are looked up under mail.validator.*.
*/
import type { HttpRouterService } from '@adonisjs/core/types'

import registerMailboxesAdminRoutes from './routes/mailboxes_admin.js'

export default function register(router: HttpRouterService) {
  // Each feature registers its own routes (routes/*.ts).
  registerMailboxesAdminRoutes(router)
}
