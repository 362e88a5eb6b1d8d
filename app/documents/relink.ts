import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { TABLE } from './documents.js'

/**
 * Moves every document (binned ones too) of one record to another record, inside the caller's
 * transaction: a record that becomes another (a lead converted into a customer) hands its files
 * over. The files stay where they are on the drive; only the rows change owner. The caller has
 * checked both records. Returns how many moved.
 */
export async function relinkDocuments(
  trx: TransactionClientContract,
  params: {
    organizationId: number
    from: { resource: string; recordId: number }
    to: { resource: string; recordId: number }
  }
): Promise<number> {
  const moved = await trx
    .from(TABLE)
    .where('organization_id', params.organizationId)
    .where('resource', params.from.resource)
    .where('record_id', params.from.recordId)
    .update({ resource: params.to.resource, record_id: params.to.recordId })
  return Array.isArray(moved) ? Number(moved[0] ?? 0) : Number(moved)
}
