import { BaseEvent } from '@adonisjs/core/events'
import type { ContactSummary } from '../contracts/types.js'

/** A contact was created (dispatched after its transaction committed). */
export default class ContactCreated extends BaseEvent {
  constructor(
    public organizationId: number,
    public actorId: number | null,
    public contact: ContactSummary
  ) {
    super()
  }
}
