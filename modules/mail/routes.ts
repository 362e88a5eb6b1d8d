/*
| Mail routes. The kernel mounts them under /mail behind auth, access and the module guard.
| Every name starts with "mail.". Each feature registers its own routes (routes/*.ts).
*/
import type { HttpRouterService } from '@adonisjs/core/types'

import registerTriageRoutes from './routes/triage.js'
import registerRulesRoutes from './routes/rules.js'
import registerFoldersRoutes from './routes/folders.js'

export default function register(router: HttpRouterService) {
  registerTriageRoutes(router)
  registerRulesRoutes(router)
  registerFoldersRoutes(router)
}
