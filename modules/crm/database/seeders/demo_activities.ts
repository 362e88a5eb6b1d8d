import db from '@adonisjs/lucid/services/db'
import type { DemoSeedParams } from '#app/registry/types'
import { dbTimestamp } from '#app/support/dates'
import { insertInBatches } from '#app/support/db'
import { timeline, type TimelineEntryInput } from '#app/history/timeline'
import { ensureActivityTypes } from '../../activities/types.js'

const DAY = 86_400_000
const COUNT = 400

const TITLES: Record<string, string[]> = {
  call: ['Llamada de seguimiento', 'Confirmar pedido', 'Llamar por la oferta', 'Presentación'],
  meeting: ['Reunión de presentación', 'Revisión de la oferta', 'Negociación de condiciones'],
  email: ['Enviar catálogo', 'Enviar presupuesto', 'Responder consulta'],
  task: ['Preparar oferta', 'Actualizar ficha', 'Revisar condiciones de pago'],
  visit: ['Visita comercial', 'Visita a la nave', 'Demostración en sus oficinas'],
}
const OUTCOMES = [
  'Interesados; piden presupuesto',
  'No contesta, volver a llamar',
  'Acordada visita el mes que viene',
  'Pedido confirmado',
  'Sin interés por ahora',
]

/**
 * ~400 activities over the demo's companies, contacts, open leads and open opportunities,
 * assigned to each record's owner (so each demo role sees its own slice through its scope):
 * done ones in the past with an outcome,
 * open ones ahead, some overdue, and a monthly recurring visit; meetings and visits on a company
 * invite one of its contacts. Deterministic with `random`.
 */
export default async function seedActivitiesDemo({ organizationId, random }: DemoSeedParams) {
  await ensureActivityTypes(organizationId)
  const types = await db
    .from('crm_activity_types')
    .where('organization_id', organizationId)
    .select('id', 'code', 'default_duration_min')
  const [companies, contacts, leads, opportunities] = await Promise.all([
    db
      .from('crm_companies')
      .where('organization_id', organizationId)
      .whereNotNull('owner_id')
      .orderBy('id')
      .select('id', 'owner_id'),
    db
      .from('crm_contacts')
      .where('organization_id', organizationId)
      .whereNotNull('owner_id')
      .orderBy('id')
      .select('id', 'owner_id', 'company_id'),
    // Open leads and opportunities too, so their pages show an Actividades panel with data.
    ownedLive('crm_leads', organizationId).whereIn('status', ['new', 'working']),
    ownedLive('crm_opportunities', organizationId).where('status', 'open'),
  ])
  const records = [
    ...companies.map((r) => ({ type: 'crm.company', id: Number(r.id), owner: Number(r.owner_id) })),
    ...contacts.map((r) => ({ type: 'crm.contact', id: Number(r.id), owner: Number(r.owner_id) })),
    ...leads.map((r) => ({ type: 'crm.lead', id: Number(r.id), owner: Number(r.owner_id) })),
    ...opportunities.map((r) => ({
      type: 'crm.opportunity',
      id: Number(r.id),
      owner: Number(r.owner_id),
    })),
  ]
  if (!records.length || !types.length) return
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]
  const now = Date.now()
  const rows: Record<string, unknown>[] = []
  const events: (TimelineEntryInput & { createdAt: string })[] = []
  for (let i = 0; i < COUNT; i++) {
    const record = pick(records)
    const type = pick(types)
    // Two thirds in the past (most done, some left open: overdue), a third ahead.
    const offsetDays = random() < 0.66 ? -Math.floor(random() * 90) - 1 : Math.floor(random() * 30)
    const due = new Date(now + offsetDays * DAY)
    due.setUTCHours(7 + Math.floor(random() * 10), random() < 0.5 ? 0 : 30, 0, 0)
    const past = due.getTime() < now
    const done = past && random() < 0.85
    const title = pick(TITLES[type.code] ?? TITLES.task)
    const created = dbTimestamp(new Date(Math.min(now, due.getTime()) - 2 * DAY))
    rows.push({
      organization_id: organizationId,
      type_id: type.id,
      subject_type: record.type,
      subject_id: record.id,
      title,
      due_at: dbTimestamp(due),
      all_day: false,
      duration_min: Number(type.default_duration_min),
      assignee_id: record.owner,
      status: done ? 'done' : 'open',
      done_at: done ? dbTimestamp(due) : null,
      outcome: done ? pick(OUTCOMES) : null,
      remind_at: dbTimestamp(new Date(due.getTime() - 15 * 60_000)),
      // Past reminders count as sent: the schedule must not flood the demo users on start.
      reminded_at: past ? dbTimestamp(due) : null,
      created_by: record.owner,
      created_at: created,
      updated_at: done ? dbTimestamp(due) : created,
    })
    const subject = { organizationId, subjectType: record.type, subjectId: record.id }
    events.push({
      ...subject,
      kind: 'crm.activity_planned',
      actorId: record.owner,
      data: { title, dueAt: due.toISOString(), allDay: false },
      createdAt: created,
    })
    if (done)
      events.push({
        ...subject,
        kind: 'crm.activity_done',
        actorId: record.owner,
        data: { title, outcome: rows[rows.length - 1].outcome },
        createdAt: dbTimestamp(due),
      })
  }
  await db.transaction(async (trx) => {
    await insertInBatches(trx, 'crm_activities', rows)
    events.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    await timeline.recordMany(events, trx)
    // Meetings and visits on a company invite one of its people (shown on the activity, in the
    // calendar and the ICS feed).
    // Only a contact of the same owner: the assignee sees whom she meets.
    const ownerOf = new Map(companies.map((c) => [Number(c.id), Number(c.owner_id)]))
    const byCompany = new Map<number, number>()
    for (const c of contacts)
      if (
        c.company_id !== null &&
        ownerOf.get(Number(c.company_id)) === Number(c.owner_id) &&
        !byCompany.has(Number(c.company_id))
      )
        byCompany.set(Number(c.company_id), Number(c.id))
    const meetingTypes = types.filter((t) => ['meeting', 'visit'].includes(t.code)).map((t) => t.id)
    const invited = meetingTypes.length
      ? await trx
          .from('crm_activities')
          .where({ organization_id: organizationId, subject_type: 'crm.company' })
          .whereIn('type_id', meetingTypes)
          .orderBy('id')
          .select('id', 'subject_id')
      : []
    await insertInBatches(
      trx,
      'crm_activity_attendees',
      invited
        .filter((a) => byCompany.has(Number(a.subject_id)))
        .map((a) => ({
          organization_id: organizationId,
          activity_id: Number(a.id),
          user_id: null,
          contact_id: byCompany.get(Number(a.subject_id)),
        }))
    )
    // A monthly visit to the first company of a rep (its next occurrence comes by schedule).
    const visit = types.find((t) => t.code === 'visit') ?? types[0]
    const account = companies[0]
    const first = new Date(now + 3 * DAY)
    first.setUTCHours(9, 0, 0, 0)
    const stamp = dbTimestamp()
    await trx.table('crm_activity_recurrences').insert({
      organization_id: organizationId,
      type_id: visit.id,
      subject_type: 'crm.company',
      subject_id: Number(account.id),
      title: 'Visita mensual de cuenta',
      assignee_id: Number(account.owner_id),
      frequency: 'monthly',
      interval: 1,
      until: null,
      next_due_at: dbTimestamp(first),
      all_day: false,
      duration_min: 60,
      active: true,
      created_by: Number(account.owner_id),
      created_at: stamp,
      updated_at: stamp,
    })
  })
}

/** Live rows of a table with an owner, by id (the demo's leads and opportunities). */
function ownedLive(table: string, organizationId: number) {
  return db
    .from(table)
    .where('organization_id', organizationId)
    .whereNotNull('owner_id')
    .whereNull('deleted_at')
    .orderBy('id')
    .select('id', 'owner_id')
}
