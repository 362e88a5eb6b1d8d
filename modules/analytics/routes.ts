/*
| Analytics routes, mounted by the kernel under /analytics behind auth, access and the module
| guard. Cube's REST API lives under /analytics/cubejs-api/v1: point @cubejs-client/core's
| apiUrl there.
*/
import type { HttpRouterService } from '@adonisjs/core/types'
import dashboardRoutes from './dashboards/routes.js'
import pivotRoutes from './pivot/routes.js'
import registerAlerts from './alerts/routes.js'

const CubeApiController = () => import('./controllers/cube_api_controller.js')
const ViewsController = () => import('./controllers/views_controller.js')

export default function register(router: HttpRouterService) {
  router.get('/', [ViewsController, 'index']).as('analytics.index')
  router.get('/cubejs-api/v1/load', [CubeApiController, 'load']).as('analytics.cube.load')
  router.post('/cubejs-api/v1/load', [CubeApiController, 'load']).as('analytics.cube.load_post')
  router.get('/cubejs-api/v1/meta', [CubeApiController, 'meta']).as('analytics.cube.meta')
  router.get('/cubejs-api/v1/sql', [CubeApiController, 'sql']).as('analytics.cube.sql')
  router.post('/cubejs-api/v1/sql', [CubeApiController, 'sql']).as('analytics.cube.sql_post')
  dashboardRoutes(router)
  pivotRoutes(router)
  registerAlerts(router)
}
