import { BaseEvent } from '@adonisjs/core/events'
import type { CompanySummary } from '../contracts/types.js'

/** A company was changed; `changedFields` names what changed (dispatched after commit). */
export default class CompanyUpdated extends BaseEvent {
  constructor(
    public organizationId: number,
    public actorId: number | null,
    public company: CompanySummary,
    public changedFields: string[]
  ) {
    super()
  }
}
