import type { HttpRouterService } from '@adonisjs/core/types'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import UploadMiddleware from '#middleware/upload_middleware'

const ComposeController = () => import('../controllers/compose_controller.js')
const TemplatesController = () => import('../controllers/templates_controller.js')

/*
 * The compose form's files stream to the temporary folder; past this the upload stops (the
 * action itself refuses more than 20 MB in all, with its own message).
 */
const upload = (ctx: HttpContext, next: NextFn) =>
  new UploadMiddleware().handle(ctx, next, { limit: '25mb' })

/** Writing mail from a record, its outbox status, and the templates admin. */
export default function register(router: HttpRouterService) {
  const id = router.matchers.number()
  router.get('/compose', [ComposeController, 'create']).as('mail.compose.create')
  router.post('/compose', [ComposeController, 'store']).as('mail.compose.store').use(upload)
  router.get('/outbox', [ComposeController, 'outbox']).as('mail.compose.outbox')
  router.get('/templates', [TemplatesController, 'index']).as('mail.templates.index')
  router.post('/templates', [TemplatesController, 'store']).as('mail.templates.store')
  router
    .put('/templates/:id', [TemplatesController, 'update'])
    .where('id', id)
    .as('mail.templates.update')
  router
    .delete('/templates/:id', [TemplatesController, 'destroy'])
    .where('id', id)
    .as('mail.templates.destroy')
}
