import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { RuleError } from '#app/support/rule_error'
import { fullName } from '../support/people.js'
import { applySearch } from '../support/search.js'
import { subjectVisible } from './subjects.js'
import type { ActivityAttendeeDto } from '../dto/activities.js'

const CONTACTS = 'crm.contacts'
const SUGGESTED = 30

/**
 * The attendees a form asks for, checked: users of the organization (active or not: a past
 * meeting keeps its people) and contacts the user may see. Anything else is refused with a
 * translated error on its field (a hidden contact is not silently dropped nor revealed).
 */
export async function checkAttendees(
  access: AccessContext,
  client: QueryClientContract,
  requested: { userIds?: number[]; contactIds?: number[] }
): Promise<{ userIds: number[]; contactIds: number[] }> {
  const userIds = [...new Set(requested.userIds ?? [])]
  const contactIds = [...new Set(requested.contactIds ?? [])]
  if (userIds.length) {
    const found = await client
      .from('users')
      .where('organization_id', access.organizationId)
      .whereIn('id', userIds)
      .select('id')
    if (found.length !== userIds.length)
      throw new RuleError('crm.activities.errors.attendee_user', {}, 'attendeeUserIds')
  }
  if (contactIds.length) {
    if (!access.can(`${CONTACTS}.view`))
      throw new RuleError('crm.activities.errors.attendee_contact', {}, 'attendeeContactIds')
    const query = client
      .from('crm_contacts as c')
      .where('c.organization_id', access.organizationId)
      .whereNull('c.deleted_at')
      .whereIn('c.id', contactIds)
      .select('c.id')
    await access.scope(query, CONTACTS, { table: 'c' })
    const found = await query
    if (found.length !== contactIds.length)
      throw new RuleError('crm.activities.errors.attendee_contact', {}, 'attendeeContactIds')
  }
  return { userIds, contactIds }
}

/** Replaces an activity's attendees (an edit sends the whole list). */
export async function replaceAttendees(
  client: QueryClientContract,
  organizationId: number,
  activityId: number,
  attendees: { userIds: number[]; contactIds: number[] }
) {
  await client.from('crm_activity_attendees').where('activity_id', activityId).delete()
  const rows = [
    ...attendees.userIds.map((userId) => ({ user_id: userId, contact_id: null })),
    ...attendees.contactIds.map((contactId) => ({ user_id: null, contact_id: contactId })),
  ]
  if (rows.length)
    await client
      .table('crm_activity_attendees')
      .multiInsert(
        rows.map((row) => ({ organization_id: organizationId, activity_id: activityId, ...row }))
      )
}

/**
 * The attendees of some activities, for one reader: users by name, contacts by name only when
 * she may see them (a hidden contact shows as such, without its name).
 */
export async function attendeesOf(
  access: AccessContext,
  activityIds: number[]
): Promise<Map<number, ActivityAttendeeDto[]>> {
  const byActivity = new Map<number, ActivityAttendeeDto[]>()
  if (!activityIds.length) return byActivity
  const rows: Record<string, any>[] = []
  for (let i = 0; i < activityIds.length; i += 500)
    rows.push(
      ...(await db
        .from('crm_activity_attendees as t')
        .leftJoin('users as u', 'u.id', 't.user_id')
        .whereIn('t.activity_id', activityIds.slice(i, i + 500))
        .orderBy('t.id')
        .select('t.activity_id', 't.user_id', 't.contact_id', 'u.full_name'))
    )
  const contactIds = [
    ...new Set(rows.filter((r) => r.contact_id !== null).map((r) => Number(r.contact_id))),
  ]
  const visible = new Map<number, string>()
  if (contactIds.length && access.can(`${CONTACTS}.view`)) {
    for (let i = 0; i < contactIds.length; i += 500) {
      const query = db
        .from('crm_contacts as c')
        .whereIn('c.id', contactIds.slice(i, i + 500))
        .whereNull('c.deleted_at')
        .select('c.id', 'c.first_name', 'c.last_name')
      await access.scope(query, CONTACTS, { table: 'c' })
      for (const c of await query) visible.set(Number(c.id), fullName(c.first_name, c.last_name))
    }
  }
  for (const r of rows) {
    const id = Number(r.activity_id)
    if (!byActivity.has(id)) byActivity.set(id, [])
    byActivity.get(id)!.push(
      r.user_id !== null
        ? { kind: 'user', id: Number(r.user_id), name: r.full_name ?? null }
        : {
            kind: 'contact',
            id: Number(r.contact_id),
            name: visible.get(Number(r.contact_id)) ?? null,
          }
    )
  }
  return byActivity
}

/**
 * Contacts to offer as attendees: the record's own contacts first (a company's people, an
 * opportunity's contacts and its company's, a contact and her colleagues), then a search by
 * name; always within the reader's contact scope.
 */
export async function contactOptions(
  access: AccessContext,
  params: { subjectType?: string; subjectId?: number; q?: string }
): Promise<{ value: string; label: string; suggested: boolean }[]> {
  if (!access.can(`${CONTACTS}.view`)) return []
  // Runs one scoped query of live contacts, `where` narrowing it (a query builder is a
  // thenable: it cannot be returned unawaited from an async function).
  const find = async (where: (q: any) => void): Promise<Record<string, any>[]> => {
    const query = db
      .from('crm_contacts as c')
      .where('c.organization_id', access.organizationId)
      .whereNull('c.deleted_at')
      .orderBy('c.name_normalized')
      .orderBy('c.id')
      .limit(SUGGESTED)
      .select('c.id', 'c.first_name', 'c.last_name', 'c.position')
    await access.scope(query, CONTACTS, { table: 'c' })
    where(query)
    return query
  }
  const label = (r: Record<string, any>) =>
    r.position
      ? `${fullName(r.first_name, r.last_name)} · ${r.position}`
      : fullName(r.first_name, r.last_name)
  const out: { value: string; label: string; suggested: boolean }[] = []
  const seen = new Set<number>()
  const push = (rows: Record<string, any>[], suggested: boolean) => {
    for (const r of rows)
      if (!seen.has(Number(r.id))) {
        seen.add(Number(r.id))
        out.push({ value: String(r.id), label: label(r), suggested })
      }
  }
  const { subjectType, subjectId } = params
  // A record the user may not see suggests nothing (its people would reveal its links).
  if (subjectType && subjectId && (await subjectVisible(access, subjectType, subjectId))) {
    const companyIds: number[] = []
    const contactIds: number[] = []
    if (subjectType === 'crm.company') companyIds.push(subjectId)
    if (subjectType === 'crm.contact') {
      contactIds.push(subjectId)
      const row = await db
        .from('crm_contacts')
        .where({ id: subjectId, organization_id: access.organizationId })
        .select('company_id')
        .first()
      if (row?.company_id) companyIds.push(Number(row.company_id))
    }
    if (subjectType === 'crm.opportunity') {
      const links = await db
        .from('crm_opportunity_contacts')
        .where({ opportunity_id: subjectId, organization_id: access.organizationId })
        .select('contact_id')
      contactIds.push(...links.map((l) => Number(l.contact_id)))
      const opp = await db
        .from('crm_opportunities')
        .where({ id: subjectId, organization_id: access.organizationId })
        .select('company_id')
        .first()
      if (opp?.company_id) companyIds.push(Number(opp.company_id))
    }
    if (subjectType === 'crm.lead') {
      const lead = await db
        .from('crm_leads')
        .where({ id: subjectId, organization_id: access.organizationId })
        .select('converted_contact_id', 'converted_company_id')
        .first()
      if (lead?.converted_contact_id) contactIds.push(Number(lead.converted_contact_id))
      if (lead?.converted_company_id) companyIds.push(Number(lead.converted_company_id))
    }
    if (contactIds.length) push(await find((q) => q.whereIn('c.id', contactIds)), true)
    if (companyIds.length) push(await find((q) => q.whereIn('c.company_id', companyIds)), true)
  }
  const q = params.q?.trim()
  if (q) {
    const hits = await find((query) =>
      applySearch(query, {
        organizationId: access.organizationId,
        q,
        table: 'crm_contacts',
        alias: 'c',
      })
    )
    push(hits, false)
  } else if (!out.length) push(await find(() => {}), false)
  return out
}
