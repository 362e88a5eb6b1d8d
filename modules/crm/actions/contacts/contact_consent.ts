import { dbTimestamp } from '#app/support/dates'
import type { ContactData } from '../../validators/contacts.js'

/** What a contact holds of its consent before a save (null when it is being created). */
export interface ConsentBefore {
  consentStatus: string
  consentAt: string | null
  optedOut: boolean
  optedOutAt: string | null
}

/** A day typed in the form as the DATETIME it is stored as (midnight, UTC). */
const atDay = (day: string) => `${day} 00:00:00`

/**
 * When the consent was given or refused and when the contact opted out (GDPR: the date goes
 * with the status). A day typed in the form wins; otherwise a change of status or opt-out is
 * dated now, an unchanged one keeps its date, and "unknown" or "no opt-out" has none.
 */
export function consentTimes(data: ContactData, before: ConsentBefore | null) {
  const status = data.consentStatus ?? 'unknown'
  const optedOut = data.optedOut ?? false
  const keep = (value: string | null) => (value ? dbTimestampOf(value) : null)
  const consentAt =
    status === 'unknown'
      ? null
      : data.consentAt
        ? atDay(data.consentAt)
        : before && before.consentStatus === status
          ? keep(before.consentAt)
          : dbTimestamp()
  const optedOutAt = !optedOut
    ? null
    : data.optedOutAt
      ? atDay(data.optedOutAt)
      : before?.optedOut
        ? keep(before.optedOutAt)
        : dbTimestamp()
  return { consent_at: consentAt, opted_out_at: optedOutAt }
}

/** An ISO timestamp (as the record loader returns it) back in the database's form. */
function dbTimestampOf(iso: string) {
  return dbTimestamp(new Date(iso))
}
