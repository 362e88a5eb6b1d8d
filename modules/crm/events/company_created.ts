import { BaseEvent } from '@adonisjs/core/events'
import type { CompanySummary } from '../contracts/types.js'

/** A company was created (dispatched after its transaction committed). */
export default class CompanyCreated extends BaseEvent {
  constructor(
    public organizationId: number,
    public actorId: number | null,
    public company: CompanySummary
  ) {
    super()
  }
}
