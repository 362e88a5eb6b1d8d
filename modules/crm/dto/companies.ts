/* Type-only: what the companies' controller sends to its pages (see dto/shared.ts). */
import type { TagChip } from './shared.js'
import type { AddressDto, AddressValue, ChannelDto, EmailValue, PhoneValue } from './shared.js'

/** One row of the companies list (and of its export). */
export interface CompanyRow {
  id: number
  name: string
  legalName: string | null
  nif: string | null
  type: string
  industry: string | null
  city: string | null
  province: string | null
  phone: string | null
  email: string | null
  /** For inline editing of the owner (the select's value). */
  ownerId: number | null
  ownerName: string | null
  createdAt: string
  industries: string[]
  parentId: number | null
  parentName: string | null
  zone: string | null
  status: string | null
  size: string | null
  strengths: string | null
  weaknesses: string | null
  /** The record's tags (app/tags), by name. */
  tags?: TagChip[]
}

/** The list's filters as the page shows them (empty strings for "any"). */
export interface CompanyListFilters {
  q: string
  type: string
  industry: string
  owner: string
  province: string
  city: string
  zone: string
  status: string
  size: string
  /** "Del grupo": a company's id (it and its subsidiaries). */
  group: string
  /** The group's name, for its chip. */
  groupName: string
  sort: string
  /** Rows per page: 25, 50 or 100. */
  per: number
  /** Created from / to (days, `YYYY-MM-DD`), or ''. */
  created_from: string
  created_to: string
  cursor: string | null
  before: string | null
}

/** A company as its page shows it. */
export interface CompanyDetail {
  id: number
  name: string
  legalName: string | null
  type: string
  nif: string | null
  website: string | null
  industry: string | null
  ownerName: string | null
  description: string | null
  /** Extra sectors (codes), beside the main `industry`. */
  industries: string[]
  /** Its group's parent company. */
  parentId: number | null
  parentName: string | null
  zone: string | null
  status: string | null
  size: string | null
  /** Competitor notes. */
  strengths: string | null
  weaknesses: string | null
  createdByName: string | null
  createdAt: string
  updatedAt: string
  addresses: AddressDto[]
  phones: ChannelDto[]
  emails: ChannelDto[]
}

/** A subsidiary of a company, on its page. */
export interface Subsidiary {
  id: number
  name: string
  type: string
}

/** A contact who worked at the company, on its page ("Antiguos contactos"). */
export interface FormerContact {
  id: number
  name: string
  position: string | null
  endedOn: string | null
}

/** One of a company's contacts on its page (and in its org chart). */
export interface CompanyContact {
  id: number
  name: string
  position: string | null
  department: string | null
  reportsToId: number | null
  email: string | null
  phone: string | null
}

/** The edit form's values (strings for inputs, lists for the repeatable groups). */
export interface CompanyFormValues {
  id: number
  name: string
  legalName: string
  type: string
  nif: string
  website: string
  industry: string
  ownerId: string
  ownerName: string | null
  description: string
  industries: string[]
  parentId: string
  parentName: string | null
  zone: string
  status: string
  size: string
  strengths: string
  weaknesses: string
  addresses: AddressValue[]
  phones: PhoneValue[]
  emails: EmailValue[]
}

/** Another company with the same name, as the server reported it (no id when out of scope). */
export type DuplicateName = { id: number; name: string } | { hidden: true } | null
