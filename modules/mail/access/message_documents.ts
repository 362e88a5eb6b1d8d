import type { AccessContext } from '#app/access/access_context'
import type { RecordAccess } from '#app/registry/types'
import { messageAccess } from './visibility.js'

/** Attachments of a message: downloadable by whoever may read its full content; never edited. */
const access: RecordAccess = {
  async check(request, recordId, action) {
    if (action !== 'view') return false // attachments come with the mail only
    const result = await messageAccess(request as AccessContext, recordId)
    return result?.level === 'full'
  },
}

export default access
