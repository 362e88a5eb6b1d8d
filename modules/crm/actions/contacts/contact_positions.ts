import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { dayOf, today } from '../../support/days.js'
import { COMPANIES } from '../companies/load_company.js'
import type { ContactPosition } from '../../dto/contacts.js'

/** A contact's company and job as it stands (before or after a save). */
interface Job {
  companyId: number | null
  position: string | null
  department: string | null
}

/**
 * Keeps a contact's positions over time in step with a save: a new company closes the current
 * position (ended today) and opens one there (started today); the same company with another
 * title or department updates the open one. Nothing else is ever rewritten: past positions are
 * history.
 */
export async function followPosition(
  trx: TransactionClientContract,
  organizationId: number,
  contactId: number,
  before: Job | null,
  after: Job
) {
  const day = today()
  const open = () =>
    trx.table('crm_contact_positions').insert({
      organization_id: organizationId,
      contact_id: contactId,
      company_id: after.companyId,
      position: after.position,
      department: after.department,
      started_on: day,
      ended_on: null,
      current: true,
      created_at: dbTimestamp(),
    })
  const current = trx
    .from('crm_contact_positions')
    .where('contact_id', contactId)
    .where('current', true)
  if (before && before.companyId !== after.companyId) {
    await current.clone().update({ current: false, ended_on: day })
    if (after.companyId !== null) await open()
    return
  }
  if (after.companyId === null) return
  if (!(await current.clone().select('id').first())) return open()
  if (before && (before.position !== after.position || before.department !== after.department))
    await current.clone().update({ position: after.position, department: after.department })
}

/**
 * A contact's positions, current first then latest: the companies the user may not see are
 * named as hidden (the position itself is the contact's history).
 */
export async function positionsOf(
  access: AccessContext,
  contactId: number
): Promise<ContactPosition[]> {
  const rows = await db
    .from('crm_contact_positions as p')
    .leftJoin('crm_companies as c', 'c.id', 'p.company_id')
    .where('p.organization_id', access.organizationId)
    .where('p.contact_id', contactId)
    .orderBy('p.current', 'desc')
    .orderBy('p.started_on', 'desc')
    .orderBy('p.id', 'desc')
    .select('p.*', 'c.name as company_name', 'c.owner_id as company_owner', 'c.deleted_at')
  const visible = new Map<number, boolean>()
  for (const r of rows) {
    const companyId = Number(r.company_id)
    if (!visible.has(companyId))
      visible.set(
        companyId,
        !!r.company_name &&
          r.deleted_at === null &&
          (await access.canSee(
            COMPANIES,
            r.company_owner === null ? null : Number(r.company_owner)
          ))
      )
  }
  return rows.map((r) => {
    const shown = visible.get(Number(r.company_id))!
    return {
      id: Number(r.id),
      companyId: shown ? Number(r.company_id) : null,
      companyName: shown ? r.company_name : null,
      position: r.position,
      department: r.department,
      startedOn: dayOf(r.started_on),
      endedOn: dayOf(r.ended_on),
      current: Boolean(r.current),
    }
  })
}

/** Company and job of these contacts, as followPosition compares them (for bulk writes). */
export async function jobsOf(trx: TransactionClientContract, ids: number[]) {
  const jobs = new Map<number, Job>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .from('crm_contacts')
      .whereIn('id', ids.slice(i, i + 500))
      .select('id', 'company_id', 'position', 'department')
    for (const r of rows)
      jobs.set(Number(r.id), {
        companyId: r.company_id === null ? null : Number(r.company_id),
        position: r.position,
        department: r.department,
      })
  }
  return jobs
}

/** After a bulk write of these contacts' company: each one that moved changes position. */
export async function followMoves(
  trx: TransactionClientContract,
  organizationId: number,
  before: Map<number, Job>
) {
  const after = await jobsOf(trx, [...before.keys()])
  for (const [id, job] of after) {
    const was = before.get(id)!
    if (was.companyId !== job.companyId) await followPosition(trx, organizationId, id, was, job)
  }
}
