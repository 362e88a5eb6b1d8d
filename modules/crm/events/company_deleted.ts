import { BaseEvent } from '@adonisjs/core/events'

/** A company was deleted; its contacts were kept without company (ids in `detachedContactIds`). */
export default class CompanyDeleted extends BaseEvent {
  constructor(
    public organizationId: number,
    public actorId: number | null,
    public companyId: number,
    public name: string,
    public detachedContactIds: number[]
  ) {
    super()
  }
}
