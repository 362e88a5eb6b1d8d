/*
| Documents attached to records of any resource whose manifest accepts them (app/documents).
| Behind login; the controller checks the resource's module, permissions and the record's scope.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import string from '@adonisjs/core/helpers/string'
import documentsConfig from '#config/documents'

const DocumentsController = () => import('#app/documents/documents_controller')

const RESOURCE = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/

/** Registers the documents routes (inside the web middleware group of start/routes.ts). */
export default function documentsRoutes() {
  const number = router.matchers.number()
  router
    .group(() => {
      router
        .get('/:resource/:record', [DocumentsController, 'index'])
        .where('resource', RESOURCE)
        .where('record', number)
        .as('documents.index')
      // One file per request, up to the per-file limit (the body's few text bytes fit beside it).
      router
        .post('/:resource/:record', [DocumentsController, 'store'])
        .where('resource', RESOURCE)
        .where('record', number)
        .as('documents.store')
        .use(
          middleware.upload({
            limit: string.bytes.format(documentsConfig.maxFileSize) ?? '25mb',
          })
        )
      router
        .get('/:id/download', [DocumentsController, 'download'])
        .where('id', number)
        .as('documents.download')
      router
        .delete('/:id', [DocumentsController, 'destroy'])
        .where('id', number)
        .as('documents.destroy')
    })
    .prefix('/documents')
    .use([middleware.auth(), middleware.access()])
}
