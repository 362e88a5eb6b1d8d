/*
| Kernel routes, then every registered module's routes mounted under /<module> behind
| auth + access + the module guard (installed for the organization and licensed). Modules'
| public routes live under /p/<module>/<organization> without the web stack (routes/public.ts).
| Every route runs the web stack (body parser, session, auth, locale, CSRF); GET /health is
| answered before routing by app/middleware/health_middleware.ts.
*/
import router from '@adonisjs/core/services/router'
import { errors as httpErrors } from '@adonisjs/core/http'
import { middleware, web } from '#start/kernel'
import adminRoutes from '#app/admin/routes'
import importRoutes from '#start/routes/imports'
import documentsRoutes from '#start/routes/documents'
import tagsRoutes from '#start/routes/tags'
import publicRoutes from '#start/routes/public'
import {
  loginThrottle,
  passwordChangeThrottle,
  resetAddressThrottle,
  resetThrottle,
} from '#start/limiter'
import { moduleRegistry } from '#app/registry/main'

const SessionController = () => import('#controllers/auth/session_controller')
const PasswordResetController = () => import('#controllers/auth/password_reset_controller')
const ProfileController = () => import('#controllers/profile_controller')
const AbsencesController = () => import('#app/users/absences_controller')
const HomeController = () => import('#controllers/home_controller')
const NotificationsController = () => import('#controllers/notifications_controller')
const MentionableUsersController = () => import('#controllers/mentionable_users_controller')
const TransmitEvents = () => import('@adonisjs/transmit/controllers/event_stream_controller')
const TransmitSubscribe = () => import('@adonisjs/transmit/controllers/subscribe_controller')
const TransmitUnsubscribe = () => import('@adonisjs/transmit/controllers/unsubscribe_controller')
const BinController = () => import('#controllers/bin_controller')
const BulkController = () => import('#controllers/bulk_controller')
const SearchController = () => import('#controllers/search_controller')
const IconsController = () => import('#controllers/icons_controller')
const ViewsController = () => import('#app/views/views_controller')

const registry = await moduleRegistry()
const moduleRoutes = await Promise.all(
  registry.modules
    .filter(({ manifest }) => manifest.routes)
    .map(async ({ manifest }) => ({
      name: manifest.name,
      register: (await manifest.routes!()).default,
    }))
)

// Modules' public routes: no session or sign-in, their own guards (start/routes/public.ts).
await publicRoutes(registry.modules)

router
  .group(() => {
    router
      .group(() => {
        router.get('/login', [SessionController, 'show']).as('login')
        router.post('/login', [SessionController, 'store']).as('login.store').use(loginThrottle)
        router.get('/password/forgot', [PasswordResetController, 'forgot']).as('password.forgot')
        router
          .post('/password/forgot', [PasswordResetController, 'send'])
          .as('password.send')
          .use([resetThrottle, resetAddressThrottle])
        router.get('/password/reset/:token', [PasswordResetController, 'edit']).as('password.reset')
        router.post('/password/reset', [PasswordResetController, 'update']).as('password.update')
      })
      .use(middleware.guest())

    router.post('/preferences/locale', [ProfileController, 'locale']).as('preferences.locale')

    router
      .group(() => {
        router.get('/', [HomeController, 'show']).as('home')
        router.post('/logout', [SessionController, 'destroy']).as('logout')
        router.get('/profile', [ProfileController, 'show']).as('profile')
        router.put('/profile', [ProfileController, 'update']).as('profile.update')
        router
          .put('/profile/password', [ProfileController, 'password'])
          .as('profile.password')
          .use(passwordChangeThrottle)
        router
          .post('/profile/sessions/revoke', [ProfileController, 'signOutEverywhere'])
          .as('profile.sessions.revoke')
        router
          .put('/profile/notifications', [ProfileController, 'notifications'])
          .as('profile.notifications')
        // The user's own absences (JSON for the profile's "Ausencias" panel).
        router.get('/profile/absences', [AbsencesController, 'mine']).as('profile.absences.index')
        router
          .post('/profile/absences', [AbsencesController, 'storeMine'])
          .as('profile.absences.store')
        router
          .delete('/profile/absences/:id', [AbsencesController, 'destroyMine'])
          .where('id', router.matchers.number())
          .as('profile.absences.destroy')

        const id = { match: /^\d+$/, cast: (value: string) => Number(value) }
        // Users a note may mention (@ in a note box).
        router
          .get('/users/mentionable', [MentionableUsersController, 'index'])
          .as('users.mentionable')
        router.get('/notifications', [NotificationsController, 'index']).as('notifications.index')
        router
          .get('/notifications/summary', [NotificationsController, 'summary'])
          .as('notifications.summary')
        router
          .post('/notifications/read-all', [NotificationsController, 'readAll'])
          .as('notifications.read_all')
        router
          .post('/notifications/:id/read', [NotificationsController, 'read'])
          .where('id', id)
          .as('notifications.read')
        router
          .get('/notifications/:id/open', [NotificationsController, 'open'])
          .where('id', id)
          .as('notifications.open')
        // Papelera (recycle bin): restore for those who may delete; purge, retention: administrators.
        router.get('/bin', [BinController, 'index']).as('bin.index')
        router
          .post('/bin/:id/restore', [BinController, 'restore'])
          .where('id', router.matchers.number())
          .as('bin.restore')
        router
          .delete('/bin/:id', [BinController, 'purge'])
          .where('id', router.matchers.number())
          .as('bin.purge')
        router.put('/bin/retention', [BinController, 'retention']).as('bin.retention')
        router.put('/bin/cleanup', [BinController, 'cleanup']).as('bin.cleanup')
        // A bulk action's progress, polled by the list's bar (app/bulk).
        router
          .get('/bulk/runs/:id', [BulkController, 'show'])
          .where('id', router.matchers.number())
          .as('bulk.runs.show')
        // Every enabled module's search providers (JSON; the command palette's source).
        router.get('/search', [SearchController, 'index']).as('search')
        // Saved views of any module's list (JSON; resources/js/ui/saved_views.tsx).
        router.get('/views', [ViewsController, 'index']).as('views.index')
        router.get('/views/targets', [ViewsController, 'targets']).as('views.targets')
        router.post('/views', [ViewsController, 'store']).as('views.store')
        router.put('/views/default', [ViewsController, 'setDefault']).as('views.default')
        router
          .put('/views/:id', [ViewsController, 'update'])
          .where('id', router.matchers.number())
          .as('views.update')
        router
          .delete('/views/:id', [ViewsController, 'destroy'])
          .where('id', router.matchers.number())
          .as('views.destroy')
        // Tabler icons by name, drawn by the shell (resources/js/ui/icons.tsx).
        router
          .get('/icons/:name', [IconsController, 'show'])
          .where('name', /^[a-z0-9-]{1,80}$/)
          .as('icons.show')
      })
      .use([middleware.auth(), middleware.access()])

    adminRoutes()
    importRoutes()
    documentsRoutes()
    tagsRoutes()

    // Server-sent events (@adonisjs/transmit's controllers), signed in only; which channels a
    // user may subscribe to: app/notifications/channels.ts.
    router
      .group(() => {
        router.get('/__transmit/events', [TransmitEvents]).as('transmit.events')
        router.post('/__transmit/subscribe', [TransmitSubscribe]).as('transmit.subscribe')
        router.post('/__transmit/unsubscribe', [TransmitUnsubscribe]).as('transmit.unsubscribe')
      })
      .use([middleware.auth(), middleware.access()])

    for (const { name, register } of moduleRoutes) {
      router
        .group(() => register(router))
        .prefix(`/${name}`)
        .use([middleware.auth(), middleware.access(), middleware.module({ name })])
    }

    // Unknown pages: a catch-all so the 404 page renders inside the shell for signed-in users.
    router
      .get('*', ({ request }) => {
        throw new httpErrors.E_ROUTE_NOT_FOUND(['GET', request.url()])
      })
      .use(middleware.silentAccess())
      .as('not_found')
  })
  .use(web())
