import type { HttpContext } from '@adonisjs/core/http'
import { actor } from '#app/support/http'
import {
  inlineValidators,
  lockRow,
  saveInlineField,
  type InlineTrx,
} from '#app/support/inline_field'
import {
  COMPANY_INLINE_FIELDS,
  companyRules,
  type CompanyData,
  type CompanyMeta,
} from '../../validators/companies.js'
import { companyCodes } from './company_form.js'
import { COMPANIES, loadCompany } from './load_company.js'
import { updateCompany } from './update_company.js'

const validators = inlineValidators<CompanyMeta>(companyRules, COMPANY_INLINE_FIELDS)

/** What the update action needs to keep a company as it is (its lists left out: kept). */
async function currentData(
  trx: InlineTrx,
  organizationId: number,
  companyId: number
): Promise<CompanyData> {
  await lockRow(trx, 'crm_companies', organizationId, companyId)
  const c = (await loadCompany(trx, organizationId, companyId))!
  return {
    name: c.name,
    legalName: c.legalName ?? undefined,
    type: c.type,
    nif: c.nif ?? undefined,
    website: c.website ?? undefined,
    industry: c.industry ?? undefined,
    ownerId: c.ownerId,
    description: c.description ?? undefined,
    parentId: c.parentId,
    zone: c.zone ?? undefined,
    status: c.status ?? undefined,
    size: c.size ?? undefined,
    strengths: c.strengths ?? undefined,
    weaknesses: c.weaknesses ?? undefined,
  }
}

/**
 * One field of a company saved from its page (inline editing): the form's rule for that
 * field, then the update action in one transaction, as a form save writes it. The caller has
 * checked the edit permission and scope.
 */
export async function saveCompanyField(ctx: HttpContext, companyId: number) {
  const organizationId = ctx.organization.id
  return saveInlineField(ctx, {
    resource: COMPANIES,
    recordId: companyId,
    validator: validators,
    meta: { organizationId, current: await companyCodes(organizationId, companyId) },
    current: (trx) => currentData(trx, organizationId, companyId),
    save: (trx, data, customValues, options) =>
      updateCompany({ ...actor(ctx), companyId, data, customValues, trx, ...options }),
  })
}
