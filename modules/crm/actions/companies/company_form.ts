import type { AccessContext } from '#app/access/access_context'
import { catalogProps, type CatalogKeep } from '../../catalog.js'
import { assignableOwners, canAssign, canUnassign } from '#app/access/owners'
import db from '@adonisjs/lucid/services/db'
import { COMPANIES, loadCompany, type CompanyRecord } from './load_company.js'
import type { CompanyFormValues } from '../../dto/companies.js'

/** Form values as the page edits them (strings for inputs, lists for repeatable groups). */
export function companyFormValues(c: CompanyRecord): CompanyFormValues {
  return {
    id: c.id,
    name: c.name,
    legalName: c.legalName ?? '',
    type: c.type,
    nif: c.nif ?? '',
    website: c.website ?? '',
    industry: c.industry ?? '',
    ownerId: c.ownerId === null ? '' : String(c.ownerId),
    ownerName: c.ownerName,
    description: c.description ?? '',
    industries: c.industries,
    parentId: c.parentId === null ? '' : String(c.parentId),
    parentName: c.parentName,
    zone: c.zone ?? '',
    status: c.status ?? '',
    size: c.size ?? '',
    strengths: c.strengths ?? '',
    weaknesses: c.weaknesses ?? '',
    addresses: c.addresses.map((a) => ({
      kind: a.kind,
      street: a.street ?? '',
      postalCode: a.postalCode ?? '',
      city: a.city ?? '',
      province: a.province ?? '',
      country: a.country,
    })),
    phones: c.phones.map((p) => ({ label: p.label ?? '', number: p.value, primary: p.primary })),
    emails: c.emails.map((e) => ({ label: e.label ?? '', address: e.value, primary: e.primary })),
  }
}

/**
 * Choices of the form: the owners the user may assign (in `create` or `edit`) and whether
 * "Sin asignar" is one of them, and the lists'
 * active values (plus the deactivated ones the edited company holds, in `keep`).
 */
export async function companyFormOptions(
  access: AccessContext,
  locale: string,
  action: 'create' | 'edit' = 'create',
  keep: CatalogKeep = {}
) {
  const [owners, catalog, unassign] = await Promise.all([
    assignableOwners(access, COMPANIES, { action }),
    catalogProps(access.organizationId, locale, { keep }),
    canUnassign(access, COMPANIES, action),
  ])
  const assign = canAssign(owners, access.userId)
  // "Sin asignar" is offered where owners are chosen, to whom may leave a record unowned.
  return { owners, canAssign: assign, canUnassign: assign && unassign, catalog }
}

/** The edit form of a company the user may see: its values and the choices. */
export async function editCompanyForm(access: AccessContext, companyId: number, locale: string) {
  const record = (await loadCompany(db, access.organizationId, companyId))!
  const options = await companyFormOptions(access, locale, 'edit', record)
  return { company: companyFormValues(record), ...options }
}

/** The list codes a company holds (its validator keeps them valid even when deactivated). */
export async function companyCodes(organizationId: number, companyId: number) {
  const row = await db
    .from('crm_companies')
    .where({ organization_id: organizationId, id: companyId })
    .select('type', 'industry', 'zone', 'status', 'size')
    .first()
  return {
    type: row?.type ?? null,
    industry: row?.industry ?? null,
    zone: row?.zone ?? null,
    status: row?.status ?? null,
    size: row?.size ?? null,
  }
}
