import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import type { CompanyData } from '../../validators/companies.js'
import { inTransaction, insertId } from '#app/support/db'
import { afterCommit } from '#app/support/cache'
import { replaceAddresses, replaceChannels } from '../../support/channels.js'
import { resolveOwner } from '#app/access/owners'
import { recordHistory } from '#app/history/record_history'
import CompanyCreated from '../../events/company_created.js'
import { COMPANIES, COMPANY_SUBJECT, companySnapshot, loadCompany } from './load_company.js'
import { assertNifFree, companyColumns, companySummary } from './company_columns.js'
import { assertNameUnique } from './duplicate_name.js'
import { assertParent, replaceIndustries } from './company_group.js'
import { crmRecordsChanged } from '../records_changed.js'
import type { FieldValues } from '#app/custom_fields/types'
import { customSnapshot, prepareCustomValues, saveCustomValues } from '#app/custom_fields/values'
import { indexCompanies } from '../../search/sync.js'

export interface CreateCompanyParams {
  organizationId: number
  actorId: number
  access: AccessContext
  data: CompanyData
  /** Validated custom field values (validateWithCustomFields), saved with the company. */
  customValues?: FieldValues
  /** The caller's transaction: the company is written in it (see `inTransaction`). */
  trx?: TransactionClientContract
}

/**
 * Creates a company with its addresses, phones and e-mails, and its first history entry. A
 * name another company has is refused (DuplicateCompanyName) unless `data.confirmDuplicate`.
 */
export async function createCompany({
  organizationId,
  actorId,
  access,
  data,
  customValues = {},
  trx: outer,
}: CreateCompanyParams) {
  if (!data.confirmDuplicate) await assertNameUnique(access, data.name, null, outer)
  const ownerId = await resolveOwner({
    access,
    resource: COMPANIES,
    action: 'create',
    requested: data.ownerId,
    client: outer,
  })
  await prepareCustomValues(organizationId, COMPANIES, outer)
  const company = await inTransaction(outer, async (trx) => {
    await crmRecordsChanged(organizationId, trx)
    await assertNifFree(trx, organizationId, data.nif, null)
    await assertParent(trx, {
      access,
      companyId: null,
      parentId: data.parentId ?? null,
      current: null,
    })
    const now = dbTimestamp()
    const id = await insertId(trx, 'crm_companies', {
      ...companyColumns(data),
      organization_id: organizationId,
      owner_id: ownerId,
      created_by: actorId,
      created_at: now,
      updated_at: now,
    })
    await replaceAddresses(trx, organizationId, id, data.addresses ?? [])
    await replaceIndustries(trx, organizationId, id, data.industries ?? [], data.industry)
    await replaceChannels(
      trx,
      organizationId,
      { companyId: id },
      { phones: data.phones ?? [], emails: data.emails ?? [] }
    )
    const record = (await loadCompany(trx, organizationId, id))!
    await indexCompanies(trx, organizationId, [id])
    const custom = { organizationId, resource: COMPANIES, recordId: id, values: customValues }
    const { after } = await saveCustomValues(trx, custom)
    await recordHistory.created(
      { organizationId, actorId, subjectType: COMPANY_SUBJECT, subjectId: id },
      {
        ...companySnapshot(record),
        ...(await customSnapshot(organizationId, COMPANIES, after, trx)),
      },
      trx
    )
    return record
  })
  await afterCommit(outer, async () => {
    await CompanyCreated.dispatch(organizationId, actorId, companySummary(company))
  })
  return company
}
