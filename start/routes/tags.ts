/*
| Tags of records of any resource whose manifest takes them (app/tags). Behind login; the
| controller checks the resource's module, permissions and the record's scope.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const TagsController = () => import('#app/tags/tags_controller')

const RESOURCE = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/

/** Registers the tags routes (inside the web middleware group of start/routes.ts). */
export default function tagsRoutes() {
  const number = router.matchers.number()
  router
    .group(() => {
      router.get('/', [TagsController, 'index']).as('tags.index')
      router
        .get('/:resource/:record', [TagsController, 'show'])
        .where('resource', RESOURCE)
        .where('record', number)
        .as('tags.show')
      router
        .post('/:resource/:record', [TagsController, 'update'])
        .where('resource', RESOURCE)
        .where('record', number)
        .as('tags.update')
    })
    .prefix('/tags')
    .use([middleware.auth(), middleware.access()])
}
