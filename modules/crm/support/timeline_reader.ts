import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { timeline, type TimelineEntry } from '#app/history/timeline'
import { timelineFilterKinds } from '#app/history/kinds'
import { fullName } from './people.js'
import { CRM_SUBJECTS, crmSubject } from '../catalog.js'
import { mayChangeNote } from '../actions/notes/find_note.js'
import {
  companyOpportunityIds,
  nameRelatedOpportunities,
  originLeadOf,
} from './opportunities_timeline.js'

/**
 * Snapshot keys holding a reference (`historyRef`, #app/history/record_history): the timeline
 * field the writer stores its id under (`<key>Id`), its table and its scoped resource.
 */
const REFERENCES: Record<string, { field: string; table: string; resource: string }> = {
  company: { field: 'companyId', ...CRM_SUBJECTS['crm.company'] },
  reportsTo: { field: 'reportsToId', ...CRM_SUBJECTS['crm.contact'] },
}

/** What a reader sees instead of a linked record's name: translated by the page. */
export type Unavailable = { unavailable: 'no_access' | 'deleted' }
const NO_ACCESS: Unavailable = { unavailable: 'no_access' }
const DELETED: Unavailable = { unavailable: 'deleted' }

interface Change {
  field: string
  from: unknown
  to: unknown
}

/**
 * One page of a CRM record's timeline as `access`'s user may read it: linked records (stored
 * as ids, see #app/history/record_history) named when the user may see them, else a neutral marker.
 * The caller has checked the subject itself is in scope.
 */
export async function readTimeline(
  access: AccessContext,
  params: {
    subjectType: string
    subjectId: number
    before?: number
    limit: number
    /** A filter chip (`notes`, `changes`…, app/history/kinds.ts); unknown or absent: all. */
    kind?: string | null
  }
) {
  const { kind, ...subject } = params
  const page = await timeline.list({
    organizationId: access.organizationId,
    ...subject,
    kinds: timelineFilterKinds(kind),
    related: await relatedOf(access, params.subjectType, params.subjectId),
  })
  await nameReferences(access, page.entries)
  await nameRelated(params.subjectType, page.entries)
  return { ...page, entries: markEditable(access, params.subjectType, page.entries) }
}

const CONTACT_SUBJECT = 'crm.contact'

/** How many of a company's contacts its timeline follows (the newest by id). */
export const RELATED_CONTACTS_MAX = 500

/**
 * A company's timeline holds its contacts' entries too: those of its contacts (not binned)
 * the reader may see, read first (crm_contacts_live_company_idx) and passed as an id list, so
 * that the timeline reads them on its subject index. A company with more than
 * RELATED_CONTACTS_MAX such contacts shows the entries of the newest RELATED_CONTACTS_MAX
 * (highest ids) only; the others' entries stay on their own pages.
 */
async function relatedOf(access: AccessContext, subjectType: string, subjectId: number) {
  if (subjectType === CRM_SUBJECTS['crm.opportunity'].subjectType)
    return originLeadOf(access, subjectId)
  if (subjectType !== CRM_SUBJECTS['crm.company'].subjectType) return undefined
  const query = db
    .from('crm_contacts as rc')
    .where('rc.organization_id', access.organizationId)
    .where('rc.company_id', subjectId)
    .whereNull('rc.deleted_at')
    .orderBy('rc.id', 'desc')
    .limit(RELATED_CONTACTS_MAX)
    .select('rc.id')
  await access.scope(query, 'crm.contacts', { table: 'rc' })
  const rows = await query
  const contacts = { subjectType: CONTACT_SUBJECT, ids: rows.map((r) => Number(r.id)) }
  return [contacts, ...(await companyOpportunityIds(access, subjectId))]
}

/** Entries of a related contact or opportunity say whose they are (`about`: name and page). */
async function nameRelated(subjectType: string, entries: TimelineEntry[]) {
  await nameRelatedOpportunities(subjectType, entries)
  const related = (e: TimelineEntry) =>
    e.subjectType === CONTACT_SUBJECT && subjectType !== CONTACT_SUBJECT
  const ids = [...new Set(entries.filter(related).map((e) => e.subjectId))]
  if (!ids.length) return
  const rows = await db
    .from('crm_contacts')
    .whereIn('id', ids)
    .select('id', 'first_name', 'last_name')
  const names = new Map(rows.map((r) => [Number(r.id), fullName(r.first_name, r.last_name)]))
  for (const e of entries) {
    if (!related(e)) continue
    Object.assign(e, {
      about: { name: names.get(e.subjectId) ?? '', href: `/crm/contacts/${e.subjectId}` },
    })
  }
}

/**
 * Notes the reader may change get `editable`: their own (while they may edit the record) or
 * any, for an administrator. The routes check the same (actions/notes/find_note.ts).
 */
function markEditable(access: AccessContext, subjectType: string, entries: TimelineEntry[]) {
  // Notes inherit their record's rights: its resource's edit permission.
  const resource = crmSubject(subjectType)?.resource
  const canEdit = !!resource && access.can(`${resource}.edit`)
  // A related record's notes are changed on that record's page (its own routes).
  return entries.map((e) =>
    e.kind === 'note' && e.subjectType === subjectType && canEdit && mayChangeNote(access, e)
      ? { ...e, editable: true }
      : e
  )
}

async function nameReferences(access: AccessContext, entries: TimelineEntry[]) {
  const changes: Change[] = entries
    .filter((e) => e.kind === 'updated' && Array.isArray(e.data.changes))
    .flatMap((e) => e.data.changes as Change[])
  if (!changes.length) return
  for (const [key, spec] of Object.entries(REFERENCES)) {
    const byId = changes.filter((c) => c.field === spec.field)
    // Entries written before references were stored by id carry the name itself: shown only
    // to readers who see every record of that kind.
    const legacy = changes.filter((c) => c.field === key)
    if (legacy.length && (await access.constraint(spec.resource)).kind !== 'all') {
      for (const c of legacy) {
        if (c.from !== null) c.from = NO_ACCESS
        if (c.to !== null) c.to = NO_ACCESS
      }
    }
    const ids = [
      ...new Set(
        byId.flatMap((c) => [c.from, c.to]).filter((v): v is number => typeof v === 'number')
      ),
    ]
    if (!ids.length) continue
    const names = await visibleNames(access, spec, ids)
    const label = (v: unknown) => (typeof v === 'number' ? (names.get(v) ?? DELETED) : v)
    for (const c of byId) {
      c.from = label(c.from)
      c.to = label(c.to)
    }
  }
}

/** Names of the linked records the user may see; NO_ACCESS for the others that still exist. */
async function visibleNames(
  access: AccessContext,
  spec: (typeof REFERENCES)[string],
  ids: number[]
) {
  const columns =
    spec.table === 'crm_contacts'
      ? ['id', 'owner_id', 'first_name', 'last_name']
      : ['id', 'owner_id', 'name']
  const rows = await db
    .from(spec.table)
    .where('organization_id', access.organizationId)
    .whereIn('id', ids)
    // A binned record reads as deleted, like one purged.
    .whereNull('deleted_at')
    .select(columns)
  const names = new Map<number, string | Unavailable>()
  for (const r of rows) {
    const visible = await access.canSee(
      spec.resource,
      r.owner_id === null ? null : Number(r.owner_id)
    )
    names.set(Number(r.id), visible ? (r.name ?? fullName(r.first_name, r.last_name)) : NO_ACCESS)
  }
  return names
}
