/** What an automatic task rule would create: one task, keyed so it is made once. */
export interface Candidate {
  key: string
  subjectType: string
  subjectId: number
  assigneeId: number
  title: string
  dueAt: Date
  /** lead_unassigned: the leader is also notified. */
  notify?: { leadTitle: string }
}
