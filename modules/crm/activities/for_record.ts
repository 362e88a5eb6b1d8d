import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { assignableOwners } from '#app/access/owners'
import type { RecordActivitiesDto } from '../dto/activities.js'
import { activityQuery, ACTIVITIES, toActivityDtos } from './rows.js'
import { activityTypes } from './types.js'

/** How many of a record's activities its panel shows: the open ones first, then the latest done. */
const OPEN_SHOWN = 20
const DONE_SHOWN = 10

/**
 * The "Actividades" panel's data for a record page (`crm.company`, `crm.contact`, `crm.lead`,
 * `crm.opportunity`); the caller has checked the record is in the reader's scope. Activities
 * are children of their record: whoever sees the record sees its activities (with the
 * `crm.activities.view` permission), whoever they are assigned to.
 */
export async function activitiesForRecord(
  access: AccessContext,
  subjectType: string,
  subjectId: number,
  options: { locale?: string; timeZone?: string } = {}
): Promise<RecordActivitiesDto> {
  const empty = { subjectType, subjectId, canPlan: false, items: [] }
  if (!access.can(`${ACTIVITIES}.view`)) return empty
  // The reader's language and zone (periods and colours are days of her zone).
  const reader = await db
    .from('users')
    .where('id', access.userId)
    .select('locale', 'timezone')
    .first()
  const locale = options.locale ?? reader?.locale ?? 'es'
  const timeZone = options.timeZone ?? reader?.timezone ?? 'Europe/Madrid'
  const base = () =>
    activityQuery()
      .where('a.organization_id', access.organizationId)
      .where('a.subject_type', subjectType)
      .where('a.subject_id', subjectId)
  const [open, done] = await Promise.all([
    base().where('a.status', 'open').orderBy('a.due_at').orderBy('a.id').limit(OPEN_SHOWN),
    base()
      .whereNot('a.status', 'open')
      .orderBy('a.due_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(DONE_SHOWN),
  ])
  const items = await toActivityDtos(access, [...open, ...done], { locale, timeZone })
  const canPlan = access.can(`${ACTIVITIES}.create`)
  return {
    subjectType,
    subjectId,
    canPlan,
    items,
    types: canPlan ? await activityTypes(access.organizationId, locale) : [],
    assignees: canPlan ? await assignableOwners(access, ACTIVITIES, { action: 'create' }) : [],
  }
}
