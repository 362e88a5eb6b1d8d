import type { HttpContext } from '@adonisjs/core/http'
import type { HttpRouterService } from '@adonisjs/core/types'
import { COMPANY_VIEWS } from '../list_declarations.js'

/**
 * The competitors' and distributors' menu entries: the companies list opened at its quick
 * filter (type and the view's own columns), so they share its filters, saved views and export.
 */
export default function registerAccountsRoutes(router: HttpRouterService) {
  for (const key of ['competitors', 'distributors'] as const) {
    router
      .get(`/companies/${key}`, ({ access, response }: HttpContext) => {
        access.authorize('crm.companies.view')
        const params = new URLSearchParams(COMPANY_VIEWS[key].params).toString()
        return response.redirect(`/crm/companies?${params}`)
      })
      .as(`crm.companies.${key}`)
  }
}
