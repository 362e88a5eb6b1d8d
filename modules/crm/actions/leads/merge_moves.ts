import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { relinkDocuments } from '#app/documents/relink'
import { timeline } from '#app/history/timeline'
import { deleteRecordTaggings, insertTaggings, tagsOfRecord } from '#app/tags/taggings'
import { dbTimestamp } from '#app/support/dates'
import { ASSIGNMENTS } from '../../assignment/load.js'
import { LEADS, LEAD_SUBJECT } from './lead_scope.js'

/** How many of each kind of row a merge moved from the duplicate to the kept lead. */
export interface MergeMoves {
  timeline: number
  activities: number
  recurrences: number
  documents: number
  tags: number
  assignments: number
}

const count = (result: unknown) =>
  Array.isArray(result) ? Number(result[0] ?? 0) : Number(result ?? 0)

/**
 * Moves what hangs off the duplicate lead to the kept one, in the merge's transaction: its
 * timeline (notes, changes, e-mails… all but its own "created" entry, which stays with it in
 * the bin), its activities and repeating series (later occurrences land on the kept lead), its
 * documents, tags (those the kept lead lacks; the rest are dropped) and assignment history.
 * Its audit log stays: it records what happened to that record.
 */
export async function moveLeadChildren(
  trx: TransactionClientContract,
  params: { organizationId: number; actorId: number; keepId: number; otherId: number }
): Promise<MergeMoves> {
  const { organizationId, actorId, keepId, otherId } = params
  const moved = await timeline.move(
    {
      organizationId,
      from: { subjectType: LEAD_SUBJECT, subjectId: otherId },
      to: { subjectType: LEAD_SUBJECT, subjectId: keepId },
      except: ['created'],
    },
    trx
  )
  const activities = await trx
    .from('crm_activities')
    .where({ organization_id: organizationId, subject_type: LEAD_SUBJECT, subject_id: otherId })
    .update({ subject_id: keepId })
  const recurrences = await trx
    .from('crm_activity_recurrences')
    .where({ organization_id: organizationId, subject_type: LEAD_SUBJECT, subject_id: otherId })
    .update({ subject_id: keepId, updated_at: dbTimestamp() })
  const documents = await relinkDocuments(trx, {
    organizationId,
    from: { resource: LEADS, recordId: otherId },
    to: { resource: LEADS, recordId: keepId },
  })
  // Tags through the kernel's tags API: the kept lead's set plus the other's (no duplicates).
  const [keptTags, otherTags] = await Promise.all([
    tagsOfRecord(organizationId, LEADS, keepId, trx),
    tagsOfRecord(organizationId, LEADS, otherId, trx),
  ])
  const added = otherTags.filter((t) => !keptTags.some((k) => k.id === t.id))
  await insertTaggings(
    trx,
    added.map((t) => ({
      organization_id: organizationId,
      resource: LEADS,
      record_id: keepId,
      tag_id: t.id,
      created_by: actorId,
      created_at: dbTimestamp(),
    }))
  )
  await deleteRecordTaggings(trx, organizationId, LEADS, otherId)
  const assignments = await trx
    .from(ASSIGNMENTS)
    .where({ organization_id: organizationId, lead_id: otherId })
    .update({ lead_id: keepId })
  return {
    timeline: moved,
    activities: count(activities),
    recurrences: count(recurrences),
    documents,
    tags: added.length,
    assignments: count(assignments),
  }
}
