import type { AccessContext } from '#app/access/access_context'
import { catalogProps } from '../../catalog.js'
import { assignableOwners, canAssign } from '../../support/owners.js'
import db from '@adonisjs/lucid/services/db'
import { COMPANIES, loadCompany, type CompanyRecord } from './load_company.js'

/** Form values as the page edits them (strings for inputs, lists for repeatable groups). */
export function companyFormValues(c: CompanyRecord) {
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

/** Choices of the form: the owners the user may assign (in `create` or `edit`), and the fixed lists. */
export async function companyFormOptions(
  access: AccessContext,
  action: 'create' | 'edit' = 'create'
) {
  const owners = await assignableOwners(access, COMPANIES, { action })
  return { owners, canAssign: canAssign(owners, access.userId), catalog: catalogProps() }
}

/** The edit form of a company the user may see: its values and the choices. */
export async function editCompanyForm(access: AccessContext, companyId: number) {
  const [record, options] = await Promise.all([
    loadCompany(db, access.organizationId, companyId),
    companyFormOptions(access, 'edit'),
  ])
  return { company: companyFormValues(record!), ...options }
}
