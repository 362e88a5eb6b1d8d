/*
| Administration: users, roles, teams, modules (marketplace), licence, audit log, settings, jobs. Every route
| needs an administrator and works inside the administrator's organization. Route names start
| with "admin." so validation messages are looked up under admin.validator.* first.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const UsersController = () => import('#app/admin/users/users_controller')
const RolesController = () => import('#app/admin/roles/roles_controller')
const TeamsController = () => import('#app/admin/teams/teams_controller')
const ModulesController = () => import('#app/admin/modules/modules_controller')
const LicenceController = () => import('#app/admin/licence/licence_controller')
const AuditController = () => import('#app/admin/audit/audit_controller')
const CurrenciesController = () => import('#app/admin/settings/currencies_controller')
const NumberSeriesController = () => import('#app/admin/settings/number_series_controller')
const ListsController = () => import('#app/admin/settings/lists_controller')
const JobsController = () => import('#app/admin/jobs/jobs_controller')
const CustomFieldsController = () => import('#app/admin/custom_fields/custom_fields_controller')
const TagsAdminController = () => import('#app/admin/tags/tags_controller')
const AbsencesController = () => import('#app/users/absences_controller')

const id = { id: router.matchers.number() }

/** Registers the administration routes (called inside the web middleware group of start/routes.ts). */
export default function adminRoutes() {
  router
    .group(() => {
      router.get('/', ({ response }) => response.redirect('/admin/users')).as('admin')

      router.get('/users', [UsersController, 'index']).as('admin.users.index')
      router.get('/users/create', [UsersController, 'create']).as('admin.users.create')
      router.post('/users', [UsersController, 'store']).as('admin.users.store')
      router
        .get('/users/:id/edit', [UsersController, 'edit'])
        .where('id', id.id)
        .as('admin.users.edit')
      router
        .put('/users/:id', [UsersController, 'update'])
        .where('id', id.id)
        .as('admin.users.update')
      router
        .post('/users/:id/activate', [UsersController, 'activate'])
        .where('id', id.id)
        .as('admin.users.activate')
      router
        .post('/users/:id/deactivate', [UsersController, 'deactivate'])
        .where('id', id.id)
        .as('admin.users.deactivate')
      router
        .post('/users/:id/password-reset', [UsersController, 'passwordReset'])
        .where('id', id.id)
        .as('admin.users.password_reset')
      // A user's absences (JSON for the user page's "Ausencias" panel).
      router
        .get('/users/:id/absences', [AbsencesController, 'index'])
        .where('id', id.id)
        .as('admin.users.absences.index')
      router
        .post('/users/:id/absences', [AbsencesController, 'store'])
        .where('id', id.id)
        .as('admin.users.absences.store')
      router
        .delete('/users/:id/absences/:absence', [AbsencesController, 'destroy'])
        .where('id', id.id)
        .where('absence', id.id)
        .as('admin.users.absences.destroy')

      router.get('/roles', [RolesController, 'index']).as('admin.roles.index')
      router.get('/roles/create', [RolesController, 'create']).as('admin.roles.create')
      router.post('/roles', [RolesController, 'store']).as('admin.roles.store')
      router
        .get('/roles/:id/edit', [RolesController, 'edit'])
        .where('id', id.id)
        .as('admin.roles.edit')
      router
        .put('/roles/:id', [RolesController, 'update'])
        .where('id', id.id)
        .as('admin.roles.update')
      router
        .delete('/roles/:id', [RolesController, 'destroy'])
        .where('id', id.id)
        .as('admin.roles.destroy')

      router.get('/teams', [TeamsController, 'index']).as('admin.teams.index')
      router.get('/teams/create', [TeamsController, 'create']).as('admin.teams.create')
      router.post('/teams', [TeamsController, 'store']).as('admin.teams.store')
      router
        .get('/teams/:id/edit', [TeamsController, 'edit'])
        .where('id', id.id)
        .as('admin.teams.edit')
      router
        .put('/teams/:id', [TeamsController, 'update'])
        .where('id', id.id)
        .as('admin.teams.update')
      router
        .delete('/teams/:id', [TeamsController, 'destroy'])
        .where('id', id.id)
        .as('admin.teams.destroy')

      router.get('/modules', [ModulesController, 'index']).as('admin.modules.index')
      router
        .post('/modules/:name/install', [ModulesController, 'install'])
        .as('admin.modules.install')
      router
        .post('/modules/:name/uninstall', [ModulesController, 'uninstall'])
        .as('admin.modules.uninstall')

      router.get('/licence', [LicenceController, 'show']).as('admin.licence.show')
      // A licence file is a few hundred bytes (the validator allows 64 KB).
      router
        .post('/licence', [LicenceController, 'store'])
        .as('admin.licence.store')
        .use(middleware.upload({ limit: '64kb' }))
      router.put('/licence/quotas', [LicenceController, 'quotas']).as('admin.licence.quotas')

      router.get('/audit', [AuditController, 'index']).as('admin.audit.index')

      // Ajustes: currencies, number series, editable lists.
      const code = /^[A-Za-z]{3}$/
      router
        .get('/settings', ({ response }) => response.redirect('/admin/settings/currencies'))
        .as('admin.settings')
      router
        .get('/settings/currencies', [CurrenciesController, 'index'])
        .as('admin.settings.currencies.index')
      router
        .post('/settings/currencies', [CurrenciesController, 'store'])
        .as('admin.settings.currencies.store')
      router
        .put('/settings/currencies/:code', [CurrenciesController, 'update'])
        .where('code', code)
        .as('admin.settings.currencies.update')
      router
        .post('/settings/currencies/:code/default', [CurrenciesController, 'makeDefault'])
        .where('code', code)
        .as('admin.settings.currencies.default')
      router
        .post('/settings/currencies/:code/rates', [CurrenciesController, 'rate'])
        .where('code', code)
        .as('admin.settings.currencies.rate')
      router
        .delete('/settings/currencies/:code', [CurrenciesController, 'destroy'])
        .where('code', code)
        .as('admin.settings.currencies.destroy')

      router
        .get('/settings/series', [NumberSeriesController, 'index'])
        .as('admin.settings.series.index')
      router
        .post('/settings/series', [NumberSeriesController, 'store'])
        .as('admin.settings.series.store')
      router
        .put('/settings/series/:id', [NumberSeriesController, 'update'])
        .where('id', id.id)
        .as('admin.settings.series.update')
      router
        .delete('/settings/series/:id', [NumberSeriesController, 'destroy'])
        .where('id', id.id)
        .as('admin.settings.series.destroy')

      router.get('/settings/lists', [ListsController, 'index']).as('admin.settings.lists.index')
      router
        .put('/settings/lists/:key', [ListsController, 'update'])
        .where('key', /^[a-z][a-z0-9_]*\.[a-z0-9_.]+$/)
        .as('admin.settings.lists.update')
      router.get('/tags', [TagsAdminController, 'index']).as('admin.tags.index')
      router
        .put('/tags/:id', [TagsAdminController, 'update'])
        .where('id', id.id)
        .as('admin.tags.update')
      router
        .delete('/tags/:id', [TagsAdminController, 'destroy'])
        .where('id', id.id)
        .as('admin.tags.destroy')
      router
        .get('/custom-fields', [CustomFieldsController, 'index'])
        .as('admin.custom_fields.index')
      router
        .post('/custom-fields', [CustomFieldsController, 'store'])
        .as('admin.custom_fields.store')
      router
        .put('/custom-fields/:id', [CustomFieldsController, 'update'])
        .where('id', id.id)
        .as('admin.custom_fields.update')
      router
        .post('/custom-fields/:id/move', [CustomFieldsController, 'move'])
        .where('id', id.id)
        .as('admin.custom_fields.move')
      router
        .delete('/custom-fields/:id', [CustomFieldsController, 'destroy'])
        .where('id', id.id)
        .as('admin.custom_fields.destroy')
      router.get('/jobs', [JobsController, 'index']).as('admin.jobs.index')
      router
        .post('/jobs/:id/retry', [JobsController, 'retry'])
        .where('id', id.id)
        .as('admin.jobs.retry')
      router
        .post('/jobs/:id/discard', [JobsController, 'discard'])
        .where('id', id.id)
        .as('admin.jobs.discard')
    })
    .prefix('/admin')
    .use([middleware.auth(), middleware.access(), middleware.admin()])
}
