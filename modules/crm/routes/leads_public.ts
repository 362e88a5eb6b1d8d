import type { HttpRouterService } from '@adonisjs/core/types'
import type { PublicRouteGuards } from '#app/registry/types'
import { WEB_FORM_PURPOSE } from '../validators/web_forms.js'

const WebFormsPublicController = () => import('../controllers/web_forms_public_controller.js')

/** The leads feature's public routes (under /p/crm/:organization); public_routes.ts calls this. */
export default function registerLeadsPublicRoutes(
  router: HttpRouterService,
  guards: PublicRouteGuards
) {
  // A website's form posts here: the signed URL of its snippet stands in for CSRF; a handful
  // of posts a minute per visitor is plenty for a person and little for a script.
  router
    .post('/forms/:token', [WebFormsPublicController, 'submit'])
    .where('token', /^[A-Za-z0-9_-]{20,64}$/)
    .use(guards.signed(WEB_FORM_PURPOSE))
    .use(guards.throttle({ requests: 5, every: '1 minute' }))
    .as('crm.public.web_forms.submit')
}
