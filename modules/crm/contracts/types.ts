/** Small, stable shapes other modules receive from the CRM (never Lucid models). */

/** A company as other modules see it. */
export interface CompanySummary {
  id: number
  name: string
  nif: string | null
  type: string
  ownerId: number | null
}

/** A contact as other modules see it. */
export interface ContactSummary {
  id: number
  companyId: number | null
  name: string
  position: string | null
  email: string | null
  ownerId: number | null
}
