import type { AccessContext } from '#app/access/access_context'
import type { RecordAccess } from '#app/registry/types'
import { visibleOpportunityId } from './load_opportunity.js'

/** Documents and tags of an opportunity: visible and editable exactly when the opportunity is. */
const opportunityAccess: RecordAccess = {
  async check(access: AccessContext, recordId: number, action: 'view' | 'edit') {
    return (await visibleOpportunityId(access, recordId, action)) !== null
  },
}

export default opportunityAccess
