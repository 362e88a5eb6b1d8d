import { BaseEvent } from '@adonisjs/core/events'
import type { ContactSummary } from '../contracts/types.js'

/** A contact was changed; `changedFields` names what changed (dispatched after commit). */
export default class ContactUpdated extends BaseEvent {
  constructor(
    public organizationId: number,
    public actorId: number | null,
    public contact: ContactSummary,
    public changedFields: string[]
  ) {
    super()
  }
}
