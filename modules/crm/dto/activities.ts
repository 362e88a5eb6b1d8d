/** The planned and recent activities of one record, as its page's "Actividades" panel shows them. */
export interface RecordActivitiesDto {
  subjectType: string
  subjectId: number
  /** May the reader plan activities on this record. */
  canPlan: boolean
  items: unknown[]
}
