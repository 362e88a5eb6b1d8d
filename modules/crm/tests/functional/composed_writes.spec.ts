import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import emitter from '@adonisjs/core/services/emitter'
import db from '@adonisjs/lucid/services/db'
import { AccessContext } from '#app/access/access_context'
import { createOrganization } from '#tests/helpers/world'
import { crmUser } from '../helpers.js'
import { createCompany } from '../../actions/companies/create_company.js'
import { updateCompany } from '../../actions/companies/update_company.js'
import { createContact } from '../../actions/contacts/create_contact.js'
import { updateContact } from '../../actions/contacts/update_contact.js'
import { addNote } from '../../actions/add_note.js'
import CompanyCreated from '../../events/company_created.js'
import ContactCreated from '../../events/contact_created.js'
import type { CompanyData } from '../../validators/companies.js'

/*
 * Write actions accept the caller's transaction (`{ trx }`): a facade composes several in one,
 * and the caller's commit or rollback decides for all of them, history included. Events wait
 * for the commit.
 */

const companyData = (name: string) => ({ name, type: 'cliente' }) as CompanyData

async function rowsOf(organizationId: number) {
  const count = async (table: string) =>
    Number((await db.from(table).where('organization_id', organizationId).count('* as n'))[0].n)
  return {
    companies: await count('crm_companies'),
    contacts: await count('crm_contacts'),
    timeline: await count('timeline_events'),
    audit: await count('audit_logs'),
  }
}

test.group('CRM · write actions composed in a caller transaction', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a rolled-back caller transaction leaves no record, no history and no event', async ({
    assert,
    cleanup,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const access = await AccessContext.forUser(user)
    const actor = { organizationId: org.id, actorId: user.id, access }
    const heard: string[] = []
    cleanup(emitter.on(CompanyCreated, (e) => void heard.push(`company ${e.company.name}`)))
    cleanup(emitter.on(ContactCreated, () => void heard.push('contact')))
    const before = await rowsOf(org.id)

    const trx = await db.transaction()
    const company = await createCompany({ ...actor, data: companyData('Talleres Compuestos'), trx })
    const contact = await createContact({
      ...actor,
      data: { firstName: 'Ana', lastName: 'Compuesta', companyId: company.id } as any,
      trx,
    })
    await updateCompany({
      ...actor,
      companyId: company.id,
      data: companyData('Talleres Compuestos SL'),
      trx,
    })
    await updateContact({
      ...actor,
      contactId: contact.id,
      data: { firstName: 'Ana María', lastName: 'Compuesta', companyId: company.id } as any,
      trx,
    })
    await addNote({ ...actor, subjectType: 'crm.company', subjectId: company.id, body: 'x', trx })
    // Inside the transaction everything is there, history included…
    const inside = await trx
      .from('timeline_events')
      .where('organization_id', org.id)
      .whereIn('subject_id', [company.id, contact.id])
      .select('kind')
    assert.sameMembers(
      inside.map((r) => r.kind),
      ['created', 'created', 'updated', 'updated', 'note']
    )
    assert.deepEqual(heard, [], 'events wait for the commit')
    await trx.rollback()

    // …and after the rollback nothing is.
    assert.deepEqual(await rowsOf(org.id), before)
    assert.deepEqual(heard, [])
  })

  test('a committed caller transaction keeps both records with their history, then tells', async ({
    assert,
    cleanup,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const access = await AccessContext.forUser(user)
    const actor = { organizationId: org.id, actorId: user.id, access }
    const heard: string[] = []
    cleanup(emitter.on(CompanyCreated, (e) => void heard.push(`company ${e.company.name}`)))
    cleanup(emitter.on(ContactCreated, () => void heard.push('contact')))

    const { company, contact } = await db.transaction(async (trx) => {
      const created = await createCompany({ ...actor, data: companyData('Hermanos Juntos'), trx })
      const person = await createContact({
        ...actor,
        data: { firstName: 'Luis', companyId: created.id } as any,
        trx,
      })
      assert.deepEqual(heard, [], 'not before the commit')
      return { company: created, contact: person }
    })
    assert.deepEqual(heard, ['company Hermanos Juntos', 'contact'])
    const kinds = await db
      .from('timeline_events')
      .where('organization_id', org.id)
      .whereIn('subject_id', [company.id, contact.id])
      .orderBy('id')
      .select('subject_type', 'kind')
    assert.deepEqual(kinds, [
      { subject_type: 'crm.company', kind: 'created' },
      { subject_type: 'crm.contact', kind: 'created' },
    ])
    const audited = await db
      .from('audit_logs')
      .where({ organization_id: org.id, subject_type: 'crm.contact', subject_id: contact.id })
      .where('field', 'company')
      .select('new_value')
    assert.deepEqual(audited, [{ new_value: 'Hermanos Juntos' }], 'the link by name, for the audit')
  })
})
