import type db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { toIso } from '#app/support/dates'
import type { LeadDetail, LeadFields, LeadStatusDto } from '../../dto/leads.js'
import { companyNameKey, emailKey, phoneKey } from '../../support/keys.js'
import { normalizeName } from '../../support/normalize.js'

type Client = TransactionClientContract | typeof db

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))
const iso = (v: unknown) => (v ? toIso(v) : null)

/** Loads a lead of the organization (no scope: callers have checked it). */
export async function loadLead(
  client: Client,
  organizationId: number,
  id: number
): Promise<LeadDetail | null> {
  const r = await client
    .from('crm_leads as l')
    .leftJoin('users as o', 'o.id', 'l.owner_id')
    .leftJoin('users as cb', 'cb.id', 'l.created_by')
    .leftJoin('teams as t', 't.id', 'l.team_id')
    .where('l.organization_id', organizationId)
    .where('l.id', id)
    .select(
      'l.*',
      'o.full_name as owner_name',
      'cb.full_name as created_by_name',
      't.name as team_name'
    )
    .first()
  if (!r) return null
  return {
    id: Number(r.id),
    title: r.title,
    firstName: r.first_name,
    lastName: r.last_name,
    companyName: r.company_name,
    nif: r.nif,
    email: r.email,
    phone: r.phone,
    website: r.website,
    province: r.province,
    postalCode: r.postal_code,
    country: r.country,
    sector: r.sector,
    companySize: r.company_size,
    productInterest: r.product_interest,
    language: r.language,
    source: r.source,
    description: r.description,
    status: r.status as LeadStatusDto,
    ownerId: num(r.owner_id),
    ownerName: r.owner_name ?? null,
    teamId: num(r.team_id),
    teamName: r.team_name ?? null,
    disqualifyReason: r.disqualify_reason,
    disqualifiedAt: iso(r.disqualified_at),
    convertedAt: iso(r.converted_at),
    convertedCompanyId: num(r.converted_company_id),
    convertedContactId: num(r.converted_contact_id),
    convertedOpportunityId: num(r.converted_opportunity_id),
    webFormId: num(r.web_form_id),
    createdByName: r.created_by_name ?? null,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  }
}

/** A lead's display name: the person, else the company, else what they want. */
export function leadName(l: {
  firstName?: string | null
  lastName?: string | null
  companyName?: string | null
  title: string
}) {
  const person = [l.firstName, l.lastName].filter(Boolean).join(' ')
  return person || l.companyName || l.title
}

/** What the audit log and the timeline compare (the owner by name; users are not scoped). */
export function leadSnapshot(l: LeadDetail): Record<string, unknown> {
  return {
    name: l.title,
    title: l.title,
    firstName: l.firstName,
    lastName: l.lastName,
    companyName: l.companyName,
    nif: l.nif,
    email: l.email,
    phone: l.phone,
    website: l.website,
    province: l.province,
    postalCode: l.postalCode,
    country: l.country,
    sector: l.sector,
    companySize: l.companySize,
    productInterest: l.productInterest,
    language: l.language,
    source: l.source,
    description: l.description,
    status: l.status,
    owner: l.ownerName,
    disqualifyReason: l.disqualifyReason,
  }
}

/** The columns a lead's own fields are stored in, with their normalized keys. */
export function leadColumns(d: Partial<LeadFields> & { title: string }) {
  const person = [d.firstName, d.lastName].filter(Boolean).join(' ')
  return {
    title: d.title,
    first_name: d.firstName ?? null,
    last_name: d.lastName ?? null,
    company_name: d.companyName ?? null,
    nif: d.nif ?? null,
    email: d.email ?? null,
    email_normalized: d.email ? emailKey(d.email) : null,
    phone: d.phone ?? null,
    phone_normalized: d.phone ? phoneKey(d.phone) : null,
    website: d.website ?? null,
    province: d.province ?? null,
    postal_code: d.postalCode ?? null,
    country: d.country ?? null,
    sector: d.sector ?? null,
    company_size: d.companySize ?? null,
    product_interest: d.productInterest ?? null,
    language: d.language ?? null,
    source: d.source ?? null,
    description: d.description ?? null,
    name_normalized: normalizeName(person || d.companyName || d.title, 260),
    company_name_normalized: d.companyName ? companyNameKey(d.companyName) : null,
  }
}
