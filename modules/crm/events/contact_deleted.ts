import { BaseEvent } from '@adonisjs/core/events'

/** A contact was deleted (dispatched after commit). */
export default class ContactDeleted extends BaseEvent {
  constructor(
    public organizationId: number,
    public actorId: number | null,
    public contactId: number,
    public companyId: number | null,
    public name: string
  ) {
    super()
  }
}
