import type { RecordActivitiesDto } from '../../dto/activities'

/** A record page's "Actividades" panel (plan, list, mark done). Stub until activities land. */
export function ActivitiesPanel(_props: { activities: RecordActivitiesDto | null }) {
  return null
}
