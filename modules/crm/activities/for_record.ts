import type { AccessContext } from '#app/access/access_context'
import type { RecordActivitiesDto } from '../dto/activities.js'

/**
 * The "Actividades" panel's data for a record page (`crm.company`, `crm.contact`, `crm.lead`,
 * `crm.opportunity`); the caller has checked the record is in the reader's scope. Stub until
 * activities land: nothing planned.
 */
export async function activitiesForRecord(
  _access: AccessContext,
  subjectType: string,
  subjectId: number
): Promise<RecordActivitiesDto> {
  return { subjectType, subjectId, canPlan: false, items: [] }
}
