import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'
import emitter from '@adonisjs/core/services/emitter'
import { installLazyView } from '#app/support/lazy_view'
import { quietEvents } from '#app/support/quiet_events'
import { installLazyNonce } from '#app/support/csp'
import { installCookieMemo } from '#app/support/cookie_memo'

// Per-request overhead nobody asked for: an Edge renderer for pages that render no template,
// events nobody listens to, a CSP nonce for JSON, the same session cookie verified again on
// every request (app/support/lazy_view.ts, quiet_events.ts, csp.ts, cookie_memo.ts).
installLazyView()
installLazyNonce()
installCookieMemo()
quietEvents(emitter)

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/health_middleware'),
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/static_assets_middleware'),
  () => import('@adonisjs/vite/vite_middleware'),
  () => import('#middleware/inertia_middleware'),
])

export const middleware = router.named({
  bodyparser: () => import('@adonisjs/core/bodyparser_middleware'),
  cleanInput: () => import('#middleware/clean_input_middleware'),
  session: () => import('#middleware/session_middleware'),
  initializeAuth: () => import('@adonisjs/auth/initialize_auth_middleware'),
  sessionCheck: () => import('#middleware/session_check_middleware'),
  locale: () => import('#middleware/detect_user_locale_middleware'),
  shield: () => import('#middleware/shield_middleware'),
  guest: () => import('#middleware/guest_middleware'),
  auth: () => import('#middleware/auth_middleware'),
  access: () => import('#middleware/access_middleware'),
  silentAccess: () => import('#middleware/silent_access_middleware'),
  admin: () => import('#middleware/admin_middleware'),
  module: () => import('#middleware/module_middleware'),
  upload: () => import('#middleware/upload_middleware'),
  publicContext: () => import('#middleware/public_context_middleware'),
  publicSigned: () => import('#middleware/public_signed_middleware'),
  publicWebhook: () => import('#middleware/public_webhook_middleware'),
  publicThrottle: () => import('#middleware/public_throttle_middleware'),
})

/**
 * The stack of every page and form (start/routes.ts wraps every route in it): body
 * parser and input hygiene (control characters, nesting), session, auth and its server-side
 * session check, the user's language, then CSRF and the other shield checks.
 */
export const web = () => [
  middleware.bodyparser(),
  middleware.cleanInput(),
  middleware.session(),
  middleware.initializeAuth(),
  middleware.sessionCheck(),
  middleware.locale(),
  middleware.shield(),
]

/**
 * The stack of a module's public routes (start/routes/public.ts): language, rate limit,
 * organization + module check, then the body. No session, no sign-in, no CSRF (their
 * `signed`/`webhook` guards stand in for it).
 */
export const publicStack = (module: string) => [
  middleware.publicContext({ module }),
  middleware.bodyparser(),
  middleware.cleanInput(),
]
