import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { dbTimestamp } from '#app/support/dates'
import { insertCompany, insertContact } from '../helpers.js'
import { insertLead, leadPayload, leadsUser } from '../leads_helpers.js'

const kinds = (subjectType: string, subjectId: number) =>
  db
    .from('timeline_events')
    .where({ subject_type: subjectType, subject_id: subjectId })
    .select('kind')
    .then((rows) => rows.map((r) => r.kind))

test.group('Leads: convert, disqualify, reopen', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('convert to a new company and contact made from the lead', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await leadsUser(org, 'all')
    const id = await insertLead(org, leadPayload({ nif: 'B12345674' }), { owner_id: user.id })
    await db.table('documents').insert({
      organization_id: org.id,
      resource: 'crm.leads',
      record_id: id,
      original_name: 'oferta.pdf',
      stored_key: `test/${org.id}/${id}/oferta.pdf`,
      size: 10,
      content_type: 'application/pdf',
      sha256: 'a'.repeat(64),
      created_at: dbTimestamp(),
      updated_at: dbTimestamp(),
    })
    const response = await client
      .post(`/crm/leads/${id}/convert`)
      .json({ company: 'new', contact: 'new', opportunity: true })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(302)
    const lead = await db.from('crm_leads').where('id', id).first()
    assert.equal(lead.status, 'converted')
    assert.isNotNull(lead.converted_at)
    const company = await db.from('crm_companies').where('id', lead.converted_company_id).first()
    assert.equal(company.name, 'Panaderías Martín S.L.')
    assert.equal(company.nif, 'B12345674')
    assert.equal(company.industry, 'alimentacion')
    const contact = await db.from('crm_contacts').where('id', lead.converted_contact_id).first()
    assert.equal(contact.first_name, 'Lucía')
    assert.equal(contact.company_id, company.id)
    const email = await db.from('crm_emails').where('contact_id', contact.id).first()
    assert.equal(email.value_normalized, 'lucia@panaderiasmartin.es')
    const doc = await db
      .from('documents')
      .where('stored_key', `test/${org.id}/${id}/oferta.pdf`)
      .first()
    assert.deepEqual([doc.resource, Number(doc.record_id)], ['crm.companies', company.id])
    assert.include(await kinds('crm.lead', id), 'crm.lead_converted')
    assert.include(await kinds('crm.company', company.id), 'crm.lead_converted')
    assert.include(await kinds('crm.contact', contact.id), 'crm.lead_converted')
  })

  test('convert linking an existing company and contact', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await leadsUser(org, 'all')
    const companyId = await insertCompany(org, { name: 'Ya Cliente' })
    const contactId = await insertContact(org, { company_id: companyId })
    const id = await insertLead(org, leadPayload(), { owner_id: user.id })
    const before = await db.from('crm_companies').where('organization_id', org.id).count('* as n')
    const response = await client
      .post(`/crm/leads/${id}/convert`)
      .json({ company: 'existing', companyId, contact: 'existing', contactId })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(302)
    const lead = await db.from('crm_leads').where('id', id).first()
    assert.equal(lead.status, 'converted')
    assert.equal(lead.converted_company_id, companyId)
    assert.equal(lead.converted_contact_id, contactId)
    const after = await db.from('crm_companies').where('organization_id', org.id).count('* as n')
    assert.equal(Number(after[0].n), Number(before[0].n), 'no company was created')
  })

  test('an existing company out of scope is refused and nothing changes', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await leadsUser(org, 'own')
    const other = await leadsUser(org, 'own')
    const hidden = await insertCompany(org, { name: 'Ajena', owner_id: other.id })
    const id = await insertLead(org, leadPayload(), { owner_id: rep.id })
    await client
      .post(`/crm/leads/${id}/convert`)
      .json({ company: 'existing', companyId: hidden, contact: 'none' })
      .loginAs(rep)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    const lead = await db.from('crm_leads').where('id', id).first()
    assert.equal(lead.status, 'new')
  })

  test('convert with no customer (only the opportunity side)', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await leadsUser(org, 'own')
    const id = await insertLead(org, leadPayload(), { owner_id: user.id })
    const response = await client
      .post(`/crm/leads/${id}/convert`)
      .json({ company: 'none', contact: 'none' })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(302)
    const lead = await db.from('crm_leads').where('id', id).first()
    assert.equal(lead.status, 'converted')
    assert.isNull(lead.converted_company_id)
    assert.isNull(lead.converted_contact_id)
    const companies = await db.from('crm_companies').where('organization_id', org.id)
    assert.lengthOf(companies, 0)
  })

  test('disqualify with a reason, refuse to convert it, then reopen', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await leadsUser(org, 'own')
    const id = await insertLead(org, leadPayload(), { owner_id: user.id })
    const post = (path: string, body: object = {}) =>
      client
        .post(`/crm/leads/${id}/${path}`)
        .json(body)
        .loginAs(user)
        .withCsrfToken()
        .withInertia()
        .redirects(0)
    ;(await post('disqualify', { reason: 'sin_presupuesto' })).assertStatus(302)
    let lead = await db.from('crm_leads').where('id', id).first()
    assert.equal(lead.status, 'disqualified')
    assert.equal(lead.disqualify_reason, 'sin_presupuesto')
    assert.isNotNull(lead.disqualified_at)

    const refused = await post('convert', { company: 'none', contact: 'none' })
    refused.assertFlashMessage(
      'error',
      'Solo se pueden convertir o descartar iniciativas abiertas.'
    )
    assert.equal((await db.from('crm_leads').where('id', id).first()).status, 'disqualified')

    const badReason = await client
      .post(`/crm/leads/${id}/disqualify`)
      .json({ reason: 'inventado' })
      .loginAs(user)
      .withCsrfToken()
      .header('accept', 'application/json')
    badReason.assertStatus(422)

    ;(await post('reopen')).assertStatus(302)
    lead = await db.from('crm_leads').where('id', id).first()
    assert.equal(lead.status, 'working')
    assert.isNull(lead.disqualify_reason)
    assert.includeMembers(await kinds('crm.lead', id), [
      'crm.lead_disqualified',
      'crm.lead_reopened',
    ])
  })
})
