import router from '@adonisjs/core/services/router'
import type { AccessContext } from '#app/access/access_context'
import type { SearchProvider } from '#app/registry/types'
import { contactDocuments } from './documents.js'

/**
 * Contacts in the kernel's search index: by name, e-mail, phone, position or their company's
 * name. The kernel applies the user's `view` scope on the owner; binned contacts have no
 * document.
 */
const contactsSearch: SearchProvider<AccessContext> = {
  documents: contactDocuments,
  href: (id) => router.makeUrl('crm.contacts.show', { id }),
}

export default contactsSearch
