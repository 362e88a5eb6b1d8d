import type { AccessContext } from '#app/access/access_context'
import type { RecordAccess } from '#app/registry/types'
import { visibleContactId } from '../contacts/load_contact.js'

/** Documents of a contact: visible and editable exactly when the contact is (manifest `documents`). */
const contactAccess: RecordAccess = {
  async check(access: AccessContext, recordId: number, action: 'view' | 'edit') {
    return (await visibleContactId(access, recordId, action)) !== null
  },
}

export default contactAccess
