import type { LeadAssignmentDto } from '../../dto/assignment'

/** The lead page's "Asignación" panel: who got the lead, by which rule and why. Stub. */
export function AssignmentPanel(_props: { assignment: LeadAssignmentDto | null }) {
  return null
}
