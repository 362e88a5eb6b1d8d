import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import { dbTimestamp } from '#app/support/dates'
import { purgeExpired } from '#app/bin/purge_expired'
import { registerBinChild } from '#app/bin/resources'
import { filteredCompanies } from '../../actions/companies/company_query.js'
import { AccessContext } from '#app/access/access_context'
import { crmUser, insertCompany, insertContact } from '../helpers.js'

const send = (request: any, user: any) => request.loginAs(user).withCsrfToken().withInertia()

async function entryOf(resource: string, recordId: number) {
  return db.from('bin_entries').where({ resource, record_id: recordId }).firstOrFail()
}

test.group('Recycle bin · CRM companies and contacts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a deleted company leaves lists, counts, search, export, its page, the picker and the contracts', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const kept = await insertCompany(org, { name: 'Talleres Vivos', nif: 'B12345674' })
    const gone = await insertCompany(org, { name: 'Talleres Borrados', nif: 'A58818501' })
    const worker = await insertContact(org, { company_id: gone, first_name: 'Lola' })

    const removed = await send(client.delete(`/crm/companies/${gone}`), user).redirects(0)
    removed.assertStatus(303)
    removed.assertFlashMessage('success', 'Empresa «Talleres Borrados» movida a la papelera.')

    const list = await client.get('/crm/companies').loginAs(user).withInertia()
    assert.deepEqual(
      list.inertiaProps.companies.map((c: any) => c.id),
      [kept]
    )
    assert.equal(list.inertiaProps.count.value, 1)
    for (const q of ['talleres', 'borrados', 'A58818501']) {
      const found = await client.get(`/crm/companies?q=${q}`).loginAs(user).withInertia()
      assert.notInclude(
        found.inertiaProps.companies.map((c: any) => c.id),
        gone,
        q
      )
    }
    const csv = (await client.get('/crm/companies/export').loginAs(user)).text()
    assert.include(csv, 'Talleres Vivos')
    assert.notInclude(csv, 'Talleres Borrados')
    ;(await client.get(`/crm/companies/${gone}`).loginAs(user)).assertStatus(404)
    ;(await client.get(`/crm/companies/${gone}/edit`).loginAs(user)).assertStatus(404)
    const picker = await client.get('/crm/companies/lookup?q=talleres').loginAs(user)
    assert.deepEqual(
      picker.body().map((o: any) => o.label),
      ['Talleres Vivos']
    )
    // A contact cannot be linked to it, and the exact count skips it too.
    const access = await AccessContext.forUser({ id: user.id, organizationId: org.id })
    const { query } = await filteredCompanies(access, {})
    assert.equal(Number((await query.count('* as n').first()).n), 1)
    await send(client.put(`/crm/contacts/${worker}`), user).json({
      firstName: 'Lola',
      companyId: gone,
    })
    assert.isNull((await db.from('crm_contacts').where('id', worker).first()).company_id)

    const { findCompanySummary, companyExists } = await import('../../contracts/index.js')
    assert.isNull(await findCompanySummary(org.id, gone))
    assert.isFalse(await companyExists(org.id, gone))

    const history = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.company', subject_id: gone })
      .orderBy('id', 'desc')
    assert.equal(history[0].kind, 'binned')
    const entry = await entryOf('crm.companies', gone)
    assert.equal(entry.title, 'Talleres Borrados')
    assert.equal(entry.deleted_by, user.id)
  })

  test('a deleted contact leaves the contact list, the company page (org chart) and manager choices', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const company = await insertCompany(org, { name: 'Acme' })
    const boss = await insertContact(org, { company_id: company, first_name: 'Jefa' })
    const clerk = await insertContact(org, {
      company_id: company,
      first_name: 'Pepe',
      reports_to_id: boss,
    })
    ;(await send(client.delete(`/crm/contacts/${boss}`), user).redirects(0)).assertStatus(303)

    const list = await client.get('/crm/contacts').loginAs(user).withInertia()
    assert.deepEqual(
      list.inertiaProps.contacts.map((c: any) => c.id),
      [clerk]
    )
    const page = await client.get(`/crm/companies/${company}`).loginAs(user).withInertia()
    assert.deepEqual(
      page.inertiaProps.contacts.map((c: any) => [c.id, c.reportsToId]),
      [[clerk, null]]
    )
    const managers = await client.get(`/crm/contacts/lookup?company=${company}`).loginAs(user)
    assert.deepEqual(
      managers.body().map((o: any) => o.value),
      [String(clerk)]
    )
    ;(await client.get(`/crm/contacts/${boss}`).loginAs(user)).assertStatus(404)
    // Deleting the company now does not count the binned contact as out of reach.
    ;(await send(client.delete(`/crm/companies/${company}`), user).redirects(0)).assertStatus(303)
  })

  test('restoring a company re-links its contacts that are still free; the others stay unlinked', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const company = await insertCompany(org, { name: 'Acme' })
    const other = await insertCompany(org, { name: 'Otra' })
    const boss = await insertContact(org, { company_id: company, first_name: 'Jefa' })
    const clerk = await insertContact(org, {
      company_id: company,
      first_name: 'Pepe',
      reports_to_id: boss,
    })
    const mover = await insertContact(org, { company_id: company, first_name: 'Mar' })
    await send(client.delete(`/crm/companies/${company}`), user)
    // Meanwhile one of them found another company.
    await db.from('crm_contacts').where('id', mover).update({ company_id: other })

    const bin = await client.get('/bin').loginAs(user).withInertia()
    assert.deepEqual(
      bin.inertiaProps.entries.map((e: any) => [e.title, e.canRestore]),
      [['Acme', true]]
    )
    const entry = await entryOf('crm.companies', company)
    const restored = await send(client.post(`/bin/${entry.id}/restore`), user).redirects(0)
    restored.assertStatus(302)
    restored.assertFlashMessage(
      'success',
      '«Acme» restaurado. Un vínculo no se ha recuperado: su destino ya no existe o está en la papelera.'
    )
    const rows = await db.from('crm_contacts').whereIn('id', [boss, clerk, mover]).orderBy('id')
    assert.deepEqual(
      rows.map((r) => [r.company_id, r.reports_to_id]),
      [
        [company, null],
        [company, boss],
        [other, null],
      ]
    )
    assert.isNull((await db.from('crm_companies').where('id', company).first()).deleted_at)
    assert.isNull(await db.from('bin_entries').where('id', entry.id).first())
    const list = await client.get('/crm/companies').loginAs(user).withInertia()
    assert.include(
      list.inertiaProps.companies.map((c: any) => c.id),
      company
    )
    const history = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.company', subject_id: company })
      .orderBy('id', 'desc')
    assert.deepEqual(
      history.slice(0, 2).map((h) => h.kind),
      ['restored', 'binned']
    )
    assert.deepEqual(JSON.parse(history[0].data), { relinked: 2, unlinked: 1 })
    const clerkHistory = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.contact', subject_id: clerk, kind: 'updated' })
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.deepEqual(JSON.parse(clerkHistory.data).changes, [
      { field: 'companyId', from: null, to: company },
      { field: 'reportsToId', from: null, to: boss },
    ])
  })

  test('restoring a contact whose company is binned leaves it without company; its reports get it back', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const company = await insertCompany(org, { name: 'Acme' })
    const lone = await insertCompany(org, { name: 'Sola' })
    const boss = await insertContact(org, { company_id: company, first_name: 'Jefa' })
    const clerk = await insertContact(org, {
      company_id: company,
      first_name: 'Pepe',
      reports_to_id: boss,
    })
    const single = await insertContact(org, { company_id: lone, first_name: 'Uno' })
    await send(client.delete(`/crm/contacts/${boss}`), user)
    const bossEntry = await entryOf('crm.contacts', boss)
    await send(client.post(`/bin/${bossEntry.id}/restore`), user)
    assert.deepEqual(
      (await db.from('crm_contacts').whereIn('id', [boss, clerk]).orderBy('id')).map((r) => [
        r.company_id,
        r.reports_to_id,
        r.deleted_at,
      ]),
      [
        [company, null, null],
        [company, boss, null],
      ],
      'the report has its manager back'
    )

    await send(client.delete(`/crm/contacts/${single}`), user)
    await send(client.delete(`/crm/companies/${lone}`), user)
    const entry = await entryOf('crm.contacts', single)
    const restored = await send(client.post(`/bin/${entry.id}/restore`), user).redirects(0)
    restored.assertFlashMessage(
      'success',
      '«Uno Prueba» restaurado. Un vínculo no se ha recuperado: su destino ya no existe o está en la papelera.'
    )
    assert.isNull((await db.from('crm_contacts').where('id', single).first()).company_id)
  })

  test('scopes: a rep with "own" sees and restores only her own binned records; only administrators purge', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const colleague = await crmUser(org, 'own')
    const viewer = await crmUser(org, 'all', {}, ['view'])
    const admin = await createUser(org, { isAdmin: true })
    const mine = await insertCompany(org, { name: 'Mía', owner_id: rep.id })
    const theirs = await insertCompany(org, { name: 'Suya', owner_id: colleague.id })
    await send(client.delete(`/crm/companies/${mine}`), rep)
    await send(client.delete(`/crm/companies/${theirs}`), colleague)

    const bin = await client.get('/bin').loginAs(rep).withInertia()
    assert.deepEqual(
      bin.inertiaProps.entries.map((e: any) => e.title),
      ['Mía']
    )
    assert.isFalse(bin.inertiaProps.canPurge)
    assert.isTrue(bin.inertiaProps.shell.bin)
    const theirEntry = await entryOf('crm.companies', theirs)
    ;(await send(client.post(`/bin/${theirEntry.id}/restore`), rep)).assertStatus(404)
    assert.isNotNull((await db.from('crm_companies').where('id', theirs).first()).deleted_at)
    const myEntry = await entryOf('crm.companies', mine)
    ;(await send(client.delete(`/bin/${myEntry.id}`), rep)).assertStatus(403)
    assert.isNotNull(await db.from('crm_companies').where('id', mine).first())

    // Without a delete permission on any bin resource there is no Papelera.
    const page = await client.get('/crm/companies').loginAs(viewer).withInertia()
    assert.isFalse(page.inertiaProps.shell.bin)
    ;(await client.get('/bin').loginAs(viewer)).assertStatus(403)

    const asAdmin = await client.get('/bin').loginAs(admin).withInertia()
    assert.sameMembers(
      asAdmin.inertiaProps.entries.map((e: any) => e.title),
      ['Mía', 'Suya']
    )
    assert.isTrue(asAdmin.inertiaProps.canPurge)
    const purged = await send(client.delete(`/bin/${theirEntry.id}`), admin).redirects(0)
    purged.assertFlashMessage('success', '«Suya» eliminado definitivamente.')
    assert.isNull(await db.from('crm_companies').where('id', theirs).first())
    assert.isNull(await db.from('bin_entries').where('id', theirEntry.id).first())
    assert.lengthOf(
      await db.from('timeline_events').where({ subject_type: 'crm.company', subject_id: theirs }),
      0
    )
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.company', subject_id: theirs })
      .orderBy('id')
    assert.deepEqual(
      [...new Set(audit.map((a) => a.action))],
      ['delete', 'purge'],
      'the audit trail stays and says who purged it'
    )
    // Search and the resource filter of the Papelera.
    const searched = await client.get('/bin?q=mia').loginAs(admin).withInertia()
    assert.deepEqual(
      searched.inertiaProps.entries.map((e: any) => e.title),
      ['Mía']
    )
    const none = await client.get('/bin?resource=crm.contacts').loginAs(admin).withInertia()
    assert.lengthOf(none.inertiaProps.entries, 0)
  })

  test('the nightly purge removes only entries past their organization’s retention, once', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const short = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const user = await crmUser(org, 'all')
    const old = await insertCompany(org, { name: 'Vieja' })
    const recent = await insertCompany(org, { name: 'Reciente' })
    const elsewhere = await insertCompany(short, { name: 'Otra org' })
    const shortUser = await crmUser(short, 'all')
    await send(client.delete(`/crm/companies/${old}`), user)
    await send(client.delete(`/crm/companies/${recent}`), user)
    await send(client.delete(`/crm/companies/${elsewhere}`), shortUser)
    const daysAgo = (n: number) => dbTimestamp(new Date(Date.now() - n * 24 * 3600 * 1000))
    await db
      .from('bin_entries')
      .where('record_id', old)
      .update({ deleted_at: daysAgo(31) })
    await db
      .from('bin_entries')
      .where('record_id', recent)
      .update({ deleted_at: daysAgo(5) })
    await db
      .from('bin_entries')
      .where('record_id', elsewhere)
      .update({ deleted_at: daysAgo(5) })

    // The other organization keeps binned records 3 days only (set by its administrator).
    const shortAdmin = await createUser(short, { isAdmin: true })
    ;(await send(client.put('/bin/retention'), user).json({ days: 3 })).assertStatus(403)
    await send(client.put('/bin/retention'), shortAdmin).json({ days: 3 })
    assert.equal(
      (await db.from('organizations').where('id', short.id).first()).bin_retention_days,
      3
    )
    const page = await client.get('/bin').loginAs(admin).withInertia()
    assert.equal(page.inertiaProps.retentionDays, 30)

    assert.equal(await purgeExpired(), 2)
    assert.isNull(await db.from('crm_companies').where('id', old).first())
    assert.isNull(await db.from('crm_companies').where('id', elsewhere).first())
    assert.isNotNull(await db.from('crm_companies').where('id', recent).first())
    assert.isNotNull(await db.from('bin_entries').where('record_id', recent).first())
    assert.equal(await purgeExpired(), 0, 'idempotent: nothing left to purge')
  })

  test('kernel child services (documents…) are binned, restored and purged with the record', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const admin = await createUser(org, { isAdmin: true })
    const company = await insertCompany(org, { name: 'Con hijos' })
    const calls: string[] = []
    const forget = registerBinChild({
      name: 'probe',
      trash: async (c) => void calls.push(`trash ${c.resource} ${c.recordId} ${c.subjectType}`),
      restore: async (c) => void calls.push(`restore ${c.recordId}`),
      purge: async (c) => void calls.push(`purge ${c.recordId}`),
    })
    try {
      await send(client.delete(`/crm/companies/${company}`), user)
      const first = await entryOf('crm.companies', company)
      await send(client.post(`/bin/${first.id}/restore`), user)
      await send(client.delete(`/crm/companies/${company}`), user)
      const second = await entryOf('crm.companies', company)
      await send(client.delete(`/bin/${second.id}`), admin)
    } finally {
      forget()
    }
    assert.deepEqual(calls, [
      `trash crm.companies ${company} crm.company`,
      `restore ${company}`,
      `trash crm.companies ${company} crm.company`,
      `purge ${company}`,
    ])
  })
})
