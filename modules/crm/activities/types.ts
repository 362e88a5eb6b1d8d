import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import type { ActivityTypeDto } from '../dto/activities.js'
import { isUniqueViolation } from './insert_activity.js'

/**
 * The default activity types every organization starts with (seeded on first use). A done call
 * schedules a follow-up task two days later: the chaining the type declares.
 */
export const DEFAULT_TYPES = [
  { code: 'call', es: 'Llamada', en: 'Call', icon: 'phone', color: 'blue', delay: 0, duration: 15 },
  {
    code: 'meeting',
    es: 'Reunión',
    en: 'Meeting',
    icon: 'users',
    color: 'violet',
    delay: 3,
    duration: 60,
  },
  {
    code: 'email',
    es: 'Correo',
    en: 'E-mail',
    icon: 'mail',
    color: 'cyan',
    delay: 0,
    duration: 10,
  },
  {
    code: 'task',
    es: 'Tarea',
    en: 'Task',
    icon: 'checkbox',
    color: 'gray',
    delay: 1,
    duration: 30,
  },
  {
    code: 'visit',
    es: 'Visita',
    en: 'Visit',
    icon: 'car',
    color: 'orange',
    delay: 7,
    duration: 90,
  },
] as const

/** Which default type chains to which (code → [next code, days]). */
const DEFAULT_CHAINS: Record<string, [string, number]> = { call: ['task', 2] }

/** Creates the default types of an organization that has none (idempotent). */
export async function ensureActivityTypes(organizationId: number, client?: QueryClientContract) {
  const q = client ?? db
  const existing = await q
    .from('crm_activity_types')
    .where('organization_id', organizationId)
    .count('* as n')
    .first()
  if (Number(existing?.n ?? 0) > 0) return
  const now = dbTimestamp()
  try {
    await insertDefaults(q, organizationId, now)
  } catch (error) {
    // Another request or worker seeded them at the same moment (the unique code decides).
    if (isUniqueViolation(error)) return
    throw error
  }
}

async function insertDefaults(
  q: QueryClientContract | typeof db,
  organizationId: number,
  now: string
) {
  await q.table('crm_activity_types').multiInsert(
    DEFAULT_TYPES.map((t, position) => ({
      organization_id: organizationId,
      code: t.code,
      name_es: t.es,
      name_en: t.en,
      icon: t.icon,
      color: t.color,
      default_delay_days: t.delay,
      default_duration_min: t.duration,
      position,
      active: true,
      created_at: now,
      updated_at: now,
    }))
  )
  const rows = await q
    .from('crm_activity_types')
    .where('organization_id', organizationId)
    .select('id', 'code')
  const byCode = new Map(rows.map((r) => [r.code as string, Number(r.id)]))
  for (const [code, [next, days]] of Object.entries(DEFAULT_CHAINS)) {
    await q
      .from('crm_activity_types')
      .where('id', byCode.get(code)!)
      .update({ next_type_id: byCode.get(next)!, next_delay_days: days })
  }
}

/** The organization's activity types (active ones unless `all`), in their order. */
export async function activityTypes(
  organizationId: number,
  locale: string,
  options: { all?: boolean; client?: QueryClientContract } = {}
): Promise<ActivityTypeDto[]> {
  await ensureActivityTypes(organizationId, options.client)
  const query = (options.client ?? db)
    .from('crm_activity_types')
    .where('organization_id', organizationId)
    .orderBy('position')
    .orderBy('id')
    .select('*')
  if (!options.all) query.where('active', true)
  const rows = await query
  return rows.map((r) => toTypeDto(r, locale))
}

export function toTypeDto(r: Record<string, any>, locale: string): ActivityTypeDto {
  return {
    id: Number(r.id),
    code: r.code,
    name: locale === 'en' ? r.name_en : r.name_es,
    nameEs: r.name_es,
    nameEn: r.name_en,
    icon: r.icon,
    color: r.color,
    defaultDelayDays: Number(r.default_delay_days),
    defaultDurationMin: Number(r.default_duration_min),
    nextTypeId: r.next_type_id === null ? null : Number(r.next_type_id),
    nextDelayDays: r.next_delay_days === null ? null : Number(r.next_delay_days),
    position: Number(r.position),
    active: Boolean(r.active),
  }
}
