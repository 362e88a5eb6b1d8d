import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { inTransaction } from '#app/support/db'
import { recordHistory } from '#app/history/record_history'
import { lockRow } from '#app/support/inline_field'
import { customSnapshot, loadCustomValues, saveCustomValues } from '#app/custom_fields/values'
import type { FieldValues } from '#app/custom_fields/types'
import { trashRecord } from '#app/bin/bin'
import { RuleError } from '#app/support/rule_error'
import { notFound } from '#app/support/http'
import { LEAD_KINDS } from '../../support/leads_lists.js'
import { LEADS, LEAD_SUBJECT } from './lead_scope.js'
import { leadColumns, leadSnapshot, loadLead } from './load_lead.js'
import { moveLeadChildren } from './merge_moves.js'
import { indexLeads } from '../../search/leads.js'

/** The columns a merge fills on the kept lead when it has none and the other has one. */
const FILLED = [
  'first_name',
  'last_name',
  'company_name',
  'nif',
  'email',
  'phone',
  'website',
  'province',
  'postal_code',
  'country',
  'sector',
  'company_size',
  'product_interest',
  'language',
  'source',
  'description',
  'team_id',
  'linked_company_id',
  'linked_contact_id',
]

/** Columns that follow a filled one (its search key): filled with it, never named. */
const KEYS: Record<string, string> = {
  company_name: 'company_name_normalized',
  email: 'email_normalized',
  phone: 'phone_normalized',
}

const empty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)
const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

/**
 * Merges a duplicate lead into another (both checked by the caller in the user's edit scope,
 * the other in delete scope too). The kept one's empty fields and custom fields take the
 * other's values; the other's timeline (notes included), activities, repeating series,
 * documents, tags and assignment history move over (merge_moves.ts); the other goes to the
 * recycle bin (restorable, with its audit log and its "created" entry). A lead binned since the
 * caller's check (read under the row locks) is not found. Both timelines get a "merged"
 * entry naming the fields filled (`data.filled`, and `summary` as `describe` words it). Open
 * leads only.
 */
export async function mergeLeads(params: {
  organizationId: number
  actorId: number
  access: AccessContext
  keepId: number
  otherId: number
  /** The merged entry's one-line summary from the filled fields' keys (the caller's language). */
  describe?: (filled: string[], title: string) => string
  trx?: TransactionClientContract
}) {
  const { organizationId, actorId, access, keepId, otherId } = params
  if (keepId === otherId) throw new RuleError('crm.leads.errors.merge_self')
  return inTransaction(params.trx, async (trx) => {
    await lockRow(trx, 'crm_leads', organizationId, keepId)
    await lockRow(trx, 'crm_leads', organizationId, otherId)
    const [keep, other] = await Promise.all([
      loadLead(trx, organizationId, keepId),
      loadLead(trx, organizationId, otherId),
    ])
    const [keepRow, otherRow] = await Promise.all([
      trx.from('crm_leads').where('id', keepId).first(),
      trx.from('crm_leads').where('id', otherId).first(),
    ])
    // Read under the row locks: a lead binned since the caller's scope check is not found.
    if (!keep || !other || keepRow.deleted_at || otherRow.deleted_at) notFound()
    const open = (s: string) => s === 'new' || s === 'working'
    if (!open(keep.status) || !open(other.status)) throw new RuleError('crm.leads.errors.not_new')
    const fill: Record<string, unknown> = {}
    const filled: string[] = []
    for (const column of FILLED)
      if (empty(keepRow[column]) && !empty(otherRow[column])) {
        fill[column] = otherRow[column]
        if (KEYS[column]) fill[KEYS[column]] = otherRow[KEYS[column]]
        if (!column.endsWith('_id')) filled.push(camel(column))
      }
    if (Object.keys(fill).length) {
      // The list's name key follows the person's name, filled or not.
      const merged = { ...keepRow, ...fill }
      fill.name_normalized = leadColumns({
        title: merged.title,
        firstName: merged.first_name,
        lastName: merged.last_name,
        companyName: merged.company_name,
      }).name_normalized
      await trx
        .from('crm_leads')
        .where('id', keepId)
        .update({ ...fill, updated_at: dbTimestamp() })
    }
    // Custom fields: the kept lead's empty ones take the other's values.
    const values = await loadCustomValues(organizationId, LEADS, [keepId, otherId], trx)
    const [keepValues, otherValues] = [values.get(keepId) ?? {}, values.get(otherId) ?? {}]
    const customFill = Object.fromEntries(
      Object.entries(otherValues).filter(([k, v]) => !empty(v) && empty(keepValues[k]))
    )
    const custom = await saveCustomValues(trx, {
      organizationId,
      resource: LEADS,
      recordId: keepId,
      values: customFill,
    })
    filled.push(...Object.keys(customFill).map((k) => `cf.${k}`))
    const moved = await moveLeadChildren(trx, { organizationId, actorId, keepId, otherId })
    await indexLeads(trx, organizationId, [keepId])
    const after = (await loadLead(trx, organizationId, keepId))!
    const subject = { organizationId, actorId, subjectType: LEAD_SUBJECT }
    const cf = (v: FieldValues) => customSnapshot(organizationId, LEADS, v, trx)
    await recordHistory.updated(
      { ...subject, subjectId: keepId },
      { ...leadSnapshot(keep), ...(await cf(custom.before)) },
      { ...leadSnapshot(after), ...(await cf(custom.after)) },
      trx
    )
    const data = {
      keptId: keepId,
      mergedId: otherId,
      title: other.title,
      filled,
      moved,
      ...(params.describe ? { summary: params.describe(filled, other.title) } : {}),
    }
    await recordHistory.event(
      { ...subject, subjectId: keepId },
      { kind: LEAD_KINDS.merged, data },
      trx
    )
    await recordHistory.event(
      { ...subject, subjectId: otherId },
      { kind: LEAD_KINDS.merged, data },
      trx
    )
    await trashRecord({ access, actorId, resource: LEADS, recordId: otherId, trx })
    return after
  })
}
