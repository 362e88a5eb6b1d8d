import env from '#start/env'
import string from '@adonisjs/core/helpers/string'

/** Limits of the documents service (app/documents); sizes in bytes. */
const documentsConfig = {
  /** The largest file accepted (DOCUMENTS_MAX_FILE_SIZE, default 25 MB). */
  maxFileSize: string.bytes.parse(env.get('DOCUMENTS_MAX_FILE_SIZE') || '25mb') as number,
  /** Everything one organization may store, bin included (DOCUMENTS_ORGANIZATION_QUOTA, 5 GB). */
  organizationQuota: string.bytes.parse(env.get('DOCUMENTS_ORGANIZATION_QUOTA') || '5gb') as number,
}

export default documentsConfig
