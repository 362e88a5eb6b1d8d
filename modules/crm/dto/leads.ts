/*
 * Type-only shapes the leads' actions send to their pages (see dto/shared.ts).
 */
import type { Option, TagChip } from './shared.js'

export type LeadStatusDto = 'new' | 'working' | 'converted' | 'disqualified'

/** A lead's own fields, as its form edits them. */
export interface LeadFields {
  title: string
  firstName: string | null
  lastName: string | null
  companyName: string | null
  nif: string | null
  email: string | null
  phone: string | null
  website: string | null
  province: string | null
  postalCode: string | null
  country: string | null
  sector: string | null
  companySize: string | null
  productInterest: string | null
  language: string | null
  source: string | null
  description: string | null
}

/** A lead as its page shows it. */
export interface LeadDetail extends LeadFields {
  id: number
  status: LeadStatusDto
  ownerId: number | null
  ownerName: string | null
  teamId: number | null
  teamName: string | null
  disqualifyReason: string | null
  disqualifiedAt: string | null
  convertedAt: string | null
  convertedCompanyId: number | null
  convertedContactId: number | null
  convertedOpportunityId: number | null
  webFormId: number | null
  createdByName: string | null
  createdAt: string
  updatedAt: string
}

/** A row of the leads list. */
export interface LeadRow {
  id: number
  title: string
  name: string
  companyName: string | null
  email: string | null
  phone: string | null
  status: LeadStatusDto
  source: string | null
  province: string | null
  sector: string | null
  ownerId: number | null
  ownerName: string | null
  createdAt: string
  tags?: TagChip[]
}

/** The list's filters as the page echoes them (empty string: not set). */
export interface LeadListFilters {
  q: string
  status: string
  source: string
  owner: string
  province: string
  sector: string
  sort: string
  per: number
  created_from: string
  created_to: string
  cursor: string | null
  before: string | null
}

/** Codes of the leads' lists with their labels in the reader's language. */
export interface LeadCatalog {
  sources: Option[]
  sizes: Option[]
  interests: Option[]
  reasons: Option[]
  sectors: Option[]
  provinces: string[]
  languages: string[]
}

/** Another record the lead may be: "Posible duplicado de …" on its page. */
export interface LeadDuplicate {
  kind: 'company' | 'contact' | 'lead'
  id: number
  name: string
  href: string
  /** Which key matched: nif, name, email or phone. */
  key: string
}
