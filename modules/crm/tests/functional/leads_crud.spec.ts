import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createTeam } from '#tests/helpers/world'
import { insertContact, insertCompany } from '../helpers.js'
import { insertLead, leadPayload, leadsUser } from '../leads_helpers.js'

test.group('Leads: create, edit, list, scope', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a lead created by hand is stored normalized with its history', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await leadsUser(org, 'all')
    const response = await client
      .post('/crm/leads')
      .json({ ...leadPayload(), ownerId: user.id })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(302)
    const lead = await db.from('crm_leads').where('organization_id', org.id).firstOrFail()
    response.assertHeader('location', `/crm/leads/${lead.id}`)
    assert.equal(lead.status, 'new')
    assert.equal(lead.nif, 'B12345674')
    assert.equal(lead.email_normalized, 'lucia@panaderiasmartin.es')
    assert.equal(lead.phone_normalized, '+34612345678')
    assert.equal(lead.company_name_normalized, 'panaderias martin')
    assert.equal(lead.name_normalized, 'lucia martin ortega')
    assert.equal(lead.country, 'ES')
    assert.equal(lead.owner_id, user.id)
    const created = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.lead', subject_id: lead.id, kind: 'created' })
    assert.lengthOf(created, 1)
  })

  test('a lead saved without owner waits unassigned and the creator is told', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await leadsUser(org, 'own')
    const response = await client
      .post('/crm/leads')
      .json(leadPayload())
      .loginAs(rep)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(302)
    // assignLeads (stub on integ) left it in the fallback queue: the rep cannot see it.
    response.assertHeader('location', '/crm/leads')
    const lead = await db.from('crm_leads').where('organization_id', org.id).firstOrFail()
    assert.isNull(lead.owner_id)
  })

  test('bad input is refused with field errors', async ({ client }) => {
    const org = await createOrganization(['crm'])
    const user = await leadsUser(org, 'all')
    const response = await client
      .post('/crm/leads')
      .json(leadPayload({ title: '', nif: 'B12345670', phone: '12', sector: 'nope' }))
      .loginAs(user)
      .withCsrfToken()
      .header('accept', 'application/json')
    response.assertStatus(422)
  })

  test('edit writes the changes to the timeline', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await leadsUser(org, 'own')
    const id = await insertLead(org, { title: 'Antes' }, { owner_id: user.id })
    const response = await client
      .put(`/crm/leads/${id}`)
      .json(leadPayload({ title: 'Después' }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(303)
    const row = await db.from('crm_leads').where('id', id).first()
    assert.equal(row.title, 'Después')
    assert.equal(row.owner_id, user.id, 'the owner stays')
    const updated = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.lead', subject_id: id, kind: 'updated' })
    assert.lengthOf(updated, 1)
  })

  test('scope: out-of-scope lead answers 404 on page, edit and convert', async ({ client }) => {
    const org = await createOrganization(['crm'])
    const rep = await leadsUser(org, 'own')
    const other = await leadsUser(org, 'own')
    const id = await insertLead(org, {}, { owner_id: other.id })
    for (const path of [`/crm/leads/${id}`, `/crm/leads/${id}/edit`]) {
      const response = await client.get(path).loginAs(rep).withInertia()
      response.assertStatus(404)
    }
    const convert = await client
      .post(`/crm/leads/${id}/convert`)
      .json({ company: 'new', contact: 'new' })
      .loginAs(rep)
      .withCsrfToken()
    convert.assertStatus(404)
    const mine = await client.get(`/crm/leads/${id}`).loginAs(other).withInertia()
    mine.assertStatus(200)
  })

  test('scope: the fallback queue is seen by scope all and by the leader of its team', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const leader = await leadsUser(org, 'team')
    const member = await leadsUser(org, 'team')
    const boss = await leadsUser(org, 'all')
    const team = await createTeam(org, leader, [member])
    const queued = await insertLead(org, { title: 'En cola' }, { team_id: team.id })
    const noTeam = await insertLead(org, { title: 'Sin equipo' })
    const titles = async (user: typeof leader, qs = '') => {
      const r = await client.get(`/crm/leads${qs}`).loginAs(user).withInertia()
      r.assertStatus(200)
      return (r.inertiaProps as any).leads.map((l: any) => l.title).sort()
    }
    assert.deepEqual(await titles(leader), ['En cola'])
    assert.deepEqual(await titles(member), [])
    assert.deepEqual(await titles(boss), ['En cola', 'Sin equipo'])
    assert.deepEqual(await titles(boss, '?unassigned=1'), ['En cola', 'Sin equipo'])
    ;(await client.get(`/crm/leads/${queued}`).loginAs(leader).withInertia()).assertStatus(200)
    ;(await client.get(`/crm/leads/${noTeam}`).loginAs(leader).withInertia()).assertStatus(404)
  })

  test('list filters by status, source and province', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await leadsUser(org, 'all')
    await insertLead(org, { title: 'A', source: 'web', province: 'Madrid' })
    await insertLead(
      org,
      { title: 'B', source: 'feria', province: 'Madrid' },
      { status: 'working' }
    )
    await insertLead(org, { title: 'C', source: 'web', province: 'Sevilla' })
    const titles = async (qs: string) => {
      const r = await client.get(`/crm/leads?${qs}`).loginAs(user).withInertia()
      return (r.inertiaProps as any).leads.map((l: any) => l.title).sort()
    }
    assert.deepEqual(await titles('source=web'), ['A', 'C'])
    assert.deepEqual(await titles('status=working'), ['B'])
    assert.deepEqual(await titles('province=Madrid&source=web'), ['A'])
  })

  test('the page names possible duplicates the user may see', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await leadsUser(org, 'all')
    const company = await insertCompany(org, {
      name: 'Panaderías Martín',
      name_key: 'panaderias martin',
    })
    const contact = await insertContact(org)
    await db.table('crm_emails').insert({
      organization_id: org.id,
      contact_id: contact,
      value: 'lucia@panaderiasmartin.es',
      value_normalized: 'lucia@panaderiasmartin.es',
      is_primary: true,
      position: 0,
    })
    const other = await insertLead(org, { title: 'Otra', phone: '612345678' })
    const id = await insertLead(
      org,
      leadPayload({ nif: 'B12345674', email: 'lucia@panaderiasmartin.es', phone: '+34612345678' })
    )
    const r = await client.get(`/crm/leads/${id}`).loginAs(user).withInertia()
    r.assertStatus(200)
    const found = (r.inertiaProps as any).duplicates.map((d: any) => `${d.kind}:${d.id}:${d.key}`)
    assert.sameMembers(found, [
      `company:${company}:name`,
      `contact:${contact}:email`,
      `lead:${other}:phone`,
    ])
  })

  test('the CSV export holds the leads in the export scope, filtered like the list', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await leadsUser(org, 'own')
    const other = await leadsUser(org, 'own')
    await insertLead(org, { title: 'Mía web', source: 'web' }, { owner_id: user.id })
    await insertLead(org, { title: 'Mía feria', source: 'feria' }, { owner_id: user.id })
    await insertLead(org, { title: 'Ajena web', source: 'web' }, { owner_id: other.id })
    const response = await client.get('/crm/leads/export?source=web').loginAs(user)
    response.assertStatus(200)
    const text = response.text()
    assert.include(text, 'Mía web')
    assert.notInclude(text, 'Mía feria')
    assert.notInclude(text, 'Ajena web')
    const audit = await db
      .from('audit_logs')
      .where({ organization_id: org.id, subject_type: 'crm.lead', action: 'export' })
    assert.isNotEmpty(audit, 'the export is audited')
  })
})
