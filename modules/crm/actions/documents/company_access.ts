import type { AccessContext } from '#app/access/access_context'
import type { RecordAccess } from '#app/registry/types'
import { visibleCompanyId } from '../companies/load_company.js'

/** Documents of a company: visible and editable exactly when the company is (manifest `documents`). */
const companyAccess: RecordAccess = {
  async check(access: AccessContext, recordId: number, action: 'view' | 'edit') {
    return (await visibleCompanyId(access, recordId, action)) !== null
  },
}

export default companyAccess
