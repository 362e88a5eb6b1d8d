/*
| Import (kernel): upload → columns → preview → commit with progress → history and undo, for
| every resource whose manifest declares `import`. Behind login; each action checks the
| resource's permissions and that its module is enabled for the organization (`:resource` is a
| manifest key such as `crm.companies`; anything else answers 404 from the controller).
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ImportsController = () => import('#controllers/imports_controller')

export default function importRoutes() {
  const id = router.matchers.number()
  router
    .group(() => {
      router
        .get('/imports/runs/:id', [ImportsController, 'show'])
        .where('id', id)
        .as('imports.show')
      router
        .get('/imports/runs/:id/status', [ImportsController, 'status'])
        .where('id', id)
        .as('imports.status')
      router
        .put('/imports/runs/:id/options', [ImportsController, 'options'])
        .where('id', id)
        .as('imports.options')
      router
        .put('/imports/runs/:id/mapping', [ImportsController, 'mapping'])
        .where('id', id)
        .as('imports.mapping')
      router
        .post('/imports/runs/:id/commit', [ImportsController, 'commit'])
        .where('id', id)
        .as('imports.commit')
      router
        .post('/imports/runs/:id/rollback', [ImportsController, 'rollback'])
        .where('id', id)
        .as('imports.rollback')
      router.get('/imports/:resource', [ImportsController, 'index']).as('imports.index')
      router
        .post('/imports/:resource', [ImportsController, 'store'])
        .as('imports.store')
        .use(middleware.upload({ limit: '50mb' }))
    })
    .use([middleware.auth(), middleware.access()])
}
