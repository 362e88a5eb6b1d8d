import type { AccessContext } from '#app/access/access_context'
import type { RecordAccess } from '#app/registry/types'
import { visibleLeadId } from './lead_scope.js'

/** Documents and tags of a lead: visible and editable exactly when the lead is. */
const leadAccess: RecordAccess = {
  async check(access: AccessContext, recordId: number, action: 'view' | 'edit') {
    return (await visibleLeadId(access, recordId, action)) !== null
  },
}

export default leadAccess
