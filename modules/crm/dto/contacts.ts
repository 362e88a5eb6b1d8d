/* Type-only: what the contacts' controller sends to its pages (see dto/shared.ts). */
import type { ChannelDto, EmailValue, PhoneValue, TagChip } from './shared.js'

/** One row of the contacts list (and of its export). */
export interface ContactRow {
  id: number
  name: string
  position: string | null
  companyId: number | null
  /** Null when the contact has no company or the user may not see it. */
  companyName: string | null
  email: string | null
  phone: string | null
  /** For inline editing of the owner (the select's value). */
  ownerId: number | null
  ownerName: string | null
  createdAt: string
  language: string | null
  consentStatus: string
  optedOut: boolean
  /** The record's tags (app/tags), by name. */
  tags?: TagChip[]
}

/** The list's filters as the page shows them (empty strings for "any"). */
export interface ContactListFilters {
  q: string
  owner: string
  company: string
  consent: string
  opted_out: string
  language: string
  sort: string
  /** Rows per page: 25, 50 or 100. */
  per: number
  /** Created from / to (days, `YYYY-MM-DD`), or ''. */
  created_from: string
  created_to: string
  cursor: string | null
  before: string | null
}

/** A contact as its page shows it. */
export interface ContactDetail {
  id: number
  fullName: string
  firstName: string
  lastName: string | null
  companyId: number | null
  companyName: string | null
  position: string | null
  department: string | null
  ownerName: string | null
  notes: string | null
  gender: string | null
  language: string | null
  /** `YYYY-MM-DD`. */
  birthday: string | null
  /** GDPR communication consent: unknown, granted or denied, when and how. */
  consentStatus: string
  consentAt: string | null
  consentSource: string | null
  optedOut: boolean
  optedOutAt: string | null
  optOutSource: string | null
  createdByName: string | null
  createdAt: string
  updatedAt: string
  phones: ChannelDto[]
  emails: ChannelDto[]
}

/** A manager or a direct report on a contact's page (only those the user may see). */
export interface PersonLink {
  id: number
  name: string
  position: string | null
}

/** The edit form's values (strings for inputs, lists for the repeatable groups). */
export interface ContactFormValues {
  id: number
  firstName: string
  lastName: string
  companyId: string
  position: string
  department: string
  reportsToId: string
  ownerId: string
  ownerName: string | null
  notes: string
  gender: string
  language: string
  birthday: string
  consentStatus: string
  /** Days, `YYYY-MM-DD`. */
  consentAt: string
  consentSource: string
  optedOut: boolean
  optedOutAt: string
  optOutSource: string
  phones: PhoneValue[]
  emails: EmailValue[]
}

/** A position of a contact over time (the company named only when the user may see it). */
export interface ContactPosition {
  id: number
  companyId: number | null
  companyName: string | null
  position: string | null
  department: string | null
  startedOn: string | null
  endedOn: string | null
  current: boolean
}

/** The coded choices of a contact's form and page, in the reader's language. */
export interface ContactCatalog {
  genders: { value: string; label: string; active: boolean }[]
  sources: { value: string; label: string; active: boolean }[]
  languages: string[]
}
