import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { inTransaction } from '#app/support/db'
import { afterCommit } from '#app/support/cache'
import type { CompanyData } from '../../validators/companies.js'
import { replaceAddresses, replaceChannels } from '../../support/channels.js'
import { resolveOwner } from '#app/access/owners'
import { recordHistory } from '#app/history/record_history'
import CompanyUpdated from '../../events/company_updated.js'
import { COMPANIES, COMPANY_SUBJECT, companySnapshot, loadCompany } from './load_company.js'
import { assertNifFree, companyColumns, companySummary } from './company_columns.js'
import { assertNameUnique, renames } from './duplicate_name.js'
import { assertParent, replaceIndustries } from './company_group.js'
import { crmRecordsChanged } from '../records_changed.js'
import type { FieldValues } from '#app/custom_fields/types'
import { customSnapshot, prepareCustomValues, saveCustomValues } from '#app/custom_fields/values'
import { indexCompanies } from '../../search/sync.js'

export interface UpdateCompanyParams {
  organizationId: number
  actorId: number
  access: AccessContext
  /** Already checked to be in the user's scope. */
  companyId: number
  data: CompanyData
  /** Validated custom field values (validateWithCustomFields); keys left out keep their value. */
  customValues?: FieldValues
  /** The caller's transaction: the company is written in it (see `inTransaction`). */
  /** An owner put back by an inline edit's undo (see `resolveOwner`). */
  restoredOwner?: number | null
  trx?: TransactionClientContract
}

/**
 * Saves a company. Lists sent by the form (addresses, phones, e-mails) replace the stored
 * ones; a list left out stays as it is. History records only what really changed. A rename to
 * a name another company has is refused (DuplicateCompanyName) unless `data.confirmDuplicate`.
 */
export async function updateCompany({
  organizationId,
  actorId,
  access,
  companyId,
  data,
  customValues = {},
  trx: outer,
  restoredOwner,
}: UpdateCompanyParams) {
  if (!data.confirmDuplicate && (await renames(organizationId, companyId, data.name, outer))) {
    await assertNameUnique(access, data.name, companyId, outer)
  }
  await prepareCustomValues(organizationId, COMPANIES, outer)
  const result = await inTransaction(outer, async (trx) => {
    await crmRecordsChanged(organizationId, trx)
    const before = (await loadCompany(trx, organizationId, companyId))!
    // Inside the transaction, on its client: SQLite has one connection, the global db would wait.
    const ownerId = await resolveOwner({
      access,
      resource: COMPANIES,
      action: 'edit',
      requested: data.ownerId,
      current: before.ownerId,
      client: trx,
      restored: restoredOwner,
    })
    await assertNifFree(trx, organizationId, data.nif, companyId)
    await assertParent(trx, {
      access,
      companyId,
      parentId: data.parentId ?? null,
      current: before.parentId,
    })
    await trx
      .from('crm_companies')
      .where('organization_id', organizationId)
      .where('id', companyId)
      .update({ ...companyColumns(data), owner_id: ownerId, updated_at: dbTimestamp() })
    if (data.addresses) await replaceAddresses(trx, organizationId, companyId, data.addresses)
    // Left out (inline edit of another field), the extra sectors stay; the main one never repeats.
    await replaceIndustries(
      trx,
      organizationId,
      companyId,
      data.industries ?? before.industries,
      data.industry
    )
    await replaceChannels(
      trx,
      organizationId,
      { companyId },
      { phones: data.phones, emails: data.emails }
    )
    const after = (await loadCompany(trx, organizationId, companyId))!
    // Its contacts' documents carry its name.
    await indexCompanies(trx, organizationId, [companyId], {
      withContacts: after.name !== before.name,
    })
    const custom = await saveCustomValues(trx, {
      organizationId,
      resource: COMPANIES,
      recordId: companyId,
      values: customValues,
    })
    const cf = (values: FieldValues) => customSnapshot(organizationId, COMPANIES, values, trx)
    const subject = { organizationId, actorId, subjectType: COMPANY_SUBJECT, subjectId: companyId }
    const changes = await recordHistory.updated(
      subject,
      { ...companySnapshot(before), ...(await cf(custom.before)) },
      { ...companySnapshot(after), ...(await cf(custom.after)) },
      trx
    )
    return { after, changes }
  })
  if (result.changes.length) {
    await afterCommit(outer, async () => {
      await CompanyUpdated.dispatch(
        organizationId,
        actorId,
        companySummary(result.after),
        result.changes.map((c) => c.field)
      )
    })
  }
  return result.after
}
