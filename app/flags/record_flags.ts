/*
 * Record flags (table record_flags): badges a module raises on a record of any module (an
 * analytics alert on a company) and the record page shows in its header (RecordHeader's
 * `flags`). The raiser names its flag by a source key unique per organization, so raising is
 * idempotent and clearing removes exactly its own flag. Whoever may see the record sees its
 * flags: record pages read them after their own scope check.
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import { isUniqueViolation } from '#app/support/db'
import type { RecordFlag } from '#app/ui/record_shapes'

type Client = QueryClientContract | TransactionClientContract

export type FlagParams = Record<string, string | number | null>

export interface NewRecordFlag {
  organizationId: number
  /** The record's subject type, `crm.company`. */
  resource: string
  recordId: number
  /** `<module>.<kind>`, e.g. `analytics.alert`. */
  kind: string
  /** Unique per organization: who raised it (`analytics.alert:12`). */
  sourceKey: string
  /** i18n key of the badge's text, rendered with `params` on the page. */
  labelKey: string
  params?: FlagParams
  /** Path inside Cartera the badge opens, or null. */
  link?: string | null
}

/** What a record page receives per flag (RecordHeader's `flags`). */
export type RecordFlagDto = RecordFlag

/** Raises a flag; a flag with the same source key already there is left as it is. */
export async function raiseFlag(flag: NewRecordFlag, client: Client = db.connection()) {
  const exists = await client
    .from('record_flags')
    .where({ organization_id: flag.organizationId, source_key: flag.sourceKey })
    .select('id')
    .first()
  if (exists) return
  try {
    await client.table('record_flags').insert({
      organization_id: flag.organizationId,
      resource: flag.resource,
      record_id: flag.recordId,
      kind: flag.kind,
      source_key: flag.sourceKey,
      label_key: flag.labelKey,
      params: JSON.stringify(flag.params ?? {}),
      link: flag.link ?? null,
      created_at: dbTimestamp(),
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
  }
}

/** Removes the flags raised under these source keys (none there: nothing happens). */
export async function clearFlags(
  organizationId: number,
  sourceKeys: string[],
  client: Client = db.connection()
) {
  if (!sourceKeys.length) return
  await client
    .from('record_flags')
    .where('organization_id', organizationId)
    .whereIn('source_key', sourceKeys)
    .delete()
}

/** The flags of one record, oldest first (at most 20). The caller has checked the record's scope. */
export async function recordFlags(
  organizationId: number,
  resource: string,
  recordId: number
): Promise<RecordFlagDto[]> {
  const rows = await db
    .from('record_flags')
    .where({ organization_id: organizationId, resource, record_id: recordId })
    .orderBy('id')
    .limit(20)
    .select('kind', 'label_key', 'params', 'link')
  return rows.map((r) => ({
    kind: String(r.kind),
    labelKey: String(r.label_key),
    params: r.params ? JSON.parse(r.params) : {},
    link: r.link ?? null,
  }))
}
