import router from '@adonisjs/core/services/router'
import type { AccessContext } from '#app/access/access_context'
import type { SearchProvider } from '#app/registry/types'
import { companyDocuments } from './documents.js'

/**
 * Companies in the kernel's search index: by name or legal name (any word, by its start), NIF
 * in any form, phone, e-mail or web domain. The kernel applies the user's `view` scope on the
 * owner; binned companies have no document.
 */
const companiesSearch: SearchProvider<AccessContext> = {
  documents: companyDocuments,
  href: (id) => router.makeUrl('crm.companies.show', { id }),
}

export default companiesSearch
