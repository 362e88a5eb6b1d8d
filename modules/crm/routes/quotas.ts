import type { HttpRouterService } from '@adonisjs/core/types'

const QuotasController = () => import('../quotas/quotas_controller.js')

/** Sales quotas' routes (behind login, under /crm); routes.ts calls this. */
export default function registerQuotasRoutes(router: HttpRouterService) {
  const id = router.matchers.number()
  router.get('/quotas', [QuotasController, 'index']).as('crm.quotas.index')
  router.post('/quotas', [QuotasController, 'store']).as('crm.quotas.store')
  router.put('/quotas/:id', [QuotasController, 'update']).where('id', id).as('crm.quotas.update')
  router
    .delete('/quotas/:id', [QuotasController, 'destroy'])
    .where('id', id)
    .as('crm.quotas.destroy')
}
