import { timeline } from '#app/history/timeline'

/** Adds a note to a company's or contact's timeline (the caller checked permission and scope). */
export async function addNote(params: {
  organizationId: number
  actorId: number
  subjectType: string
  subjectId: number
  body: string
}) {
  await timeline.record({
    organizationId: params.organizationId,
    actorId: params.actorId,
    subjectType: params.subjectType,
    subjectId: params.subjectId,
    kind: 'note',
    data: { body: params.body },
  })
}
