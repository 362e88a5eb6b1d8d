import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { AccessContext } from '#app/access/access_context'
import { RuleError } from '#app/support/rule_error'
import { createOrganization, createUser } from '#tests/helpers/world'
import { resolveOwner } from '#app/access/owners'
import { countQueries, crmUser, insertCompany, insertContact } from '../helpers.js'

const NO_ACCESS = { unavailable: 'no_access' }
const DELETED = { unavailable: 'deleted' }

/**
 * A rep who owns a contact at a company (and under a manager) that belong to a colleague: the
 * rep sees the contact, not the company or the manager.
 */
async function world() {
  const org = await createOrganization(['crm'])
  const rep = await crmUser(org, 'own', { fullName: 'Comercial' })
  const colleague = await crmUser(org, 'own', { fullName: 'Colega' })
  const admin = await createUser(org, { isAdmin: true })
  const secret = await insertCompany(org, { name: 'Empresa Secreta S.A.', owner_id: colleague.id })
  const boss = await insertContact(org, {
    first_name: 'Jefa',
    last_name: 'Oculta',
    company_id: secret,
    owner_id: colleague.id,
  })
  const contact = await insertContact(org, {
    first_name: 'Rosa',
    last_name: 'Visible',
    owner_id: rep.id,
  })
  return { org, rep, colleague, admin, secret, boss, contact }
}

const changesOf = (response: any) =>
  response.inertiaProps.timeline.entries.find((e: any) => e.kind === 'updated')?.data.changes

test.group('History: linked records are named only for readers who may see them', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("a contact's timeline stores company and manager by id, and names them per reader", async ({
    client,
    assert,
  }) => {
    const { rep, admin, secret, boss, contact } = await world()
    await client
      .put(`/crm/contacts/${contact}`)
      .json({ firstName: 'Rosa', lastName: 'Visible', companyId: secret, reportsToId: boss })
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()

    const stored = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.contact', subject_id: contact, kind: 'updated' })
      .firstOrFail()
    assert.notInclude(stored.data, 'Secreta')
    assert.notInclude(stored.data, 'Oculta')
    assert.deepEqual(JSON.parse(stored.data).changes, [
      { field: 'companyId', from: null, to: secret },
      { field: 'reportsToId', from: null, to: boss },
    ])
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.contact', subject_id: contact, action: 'update' })
      .orderBy('id')
    assert.deepEqual(
      audit.map((a) => [a.field, a.new_value]),
      [
        ['company', 'Empresa Secreta S.A.'],
        ['reportsTo', 'Jefa Oculta'],
      ],
      'the audit log (administrators) keeps names'
    )

    const asRep = await client.get(`/crm/contacts/${contact}`).loginAs(rep).withInertia()
    asRep.assertStatus(200)
    assert.deepEqual(changesOf(asRep), [
      { field: 'companyId', from: null, to: NO_ACCESS },
      { field: 'reportsToId', from: null, to: NO_ACCESS },
    ])
    assert.notInclude(JSON.stringify(asRep.inertiaProps), 'Secreta')
    assert.notInclude(JSON.stringify(asRep.inertiaProps), 'Oculta')
    const more = await client.get(`/crm/contacts/${contact}/timeline?before=999999999`).loginAs(rep)
    assert.notInclude(more.text(), 'Secreta')
    assert.deepEqual(more.body().entries.find((e: any) => e.kind === 'updated').data.changes[0], {
      field: 'companyId',
      from: null,
      to: NO_ACCESS,
    })

    const asAdmin = await client.get(`/crm/contacts/${contact}`).loginAs(admin).withInertia()
    assert.deepEqual(changesOf(asAdmin), [
      { field: 'companyId', from: null, to: 'Empresa Secreta S.A.' },
      { field: 'reportsToId', from: null, to: 'Jefa Oculta' },
    ])
  })

  test('entries written with names (before ids) show them only to readers who see every company and contact', async ({
    client,
    assert,
  }) => {
    const { org, rep, admin, contact } = await world()
    await db.table('timeline_events').insert({
      organization_id: org.id,
      subject_type: 'crm.contact',
      subject_id: contact,
      kind: 'updated',
      actor_id: admin.id,
      created_at: '2025-01-01 10:00:00',
      data: JSON.stringify({
        changes: [
          { field: 'company', from: null, to: 'Empresa Secreta S.A.' },
          { field: 'position', from: null, to: 'Jefa' },
        ],
      }),
    })
    const asRep = await client.get(`/crm/contacts/${contact}`).loginAs(rep).withInertia()
    assert.deepEqual(changesOf(asRep), [
      { field: 'company', from: null, to: NO_ACCESS },
      { field: 'position', from: null, to: 'Jefa' },
    ])
    const asAdmin = await client.get(`/crm/contacts/${contact}`).loginAs(admin).withInertia()
    assert.deepEqual(changesOf(asAdmin)[0], {
      field: 'company',
      from: null,
      to: 'Empresa Secreta S.A.',
    })
  })

  test("deleting a company: its contacts' history in a few multi-row inserts, no names stored", async ({
    client,
    assert,
  }) => {
    const { org, rep, colleague, admin, secret, boss } = await world()
    const mine = await insertContact(org, {
      first_name: 'Pablo',
      company_id: secret,
      reports_to_id: boss,
      owner_id: rep.id,
    })
    for (let i = 0; i < 40; i++)
      await insertContact(org, {
        first_name: `Persona${i}`,
        company_id: secret,
        reports_to_id: boss,
        owner_id: colleague.id,
      })

    const { count, result } = await countQueries(
      /^insert into [`"]?(timeline_events|audit_logs)/i,
      () =>
        client
          .delete(`/crm/companies/${secret}`)
          .loginAs(admin)
          .withCsrfToken()
          .withInertia()
          .redirects(0)
    )
    result.assertStatus(303)
    // 42 detached contacts: one multi-row insert per table, plus the company's own audit row
    // and its "moved to the bin" timeline entry.
    assert.isAtMost(count, 4)
    const entries = await db
      .from('timeline_events')
      .where({ organization_id: org.id, subject_type: 'crm.contact', kind: 'updated' })
    assert.lengthOf(entries, 42)
    for (const e of entries) {
      assert.notInclude(e.data, 'Secreta')
      assert.notInclude(e.data, 'Oculta')
    }
    assert.lengthOf(
      await db.from('audit_logs').where({
        organization_id: org.id,
        subject_type: 'crm.contact',
        action: 'update',
        field: 'company',
        old_value: 'Empresa Secreta S.A.',
      }),
      42
    )

    // The rep reads their contact's history: the company is gone, the manager is not theirs.
    const page = await client.get(`/crm/contacts/${mine}`).loginAs(rep).withInertia()
    assert.deepEqual(changesOf(page), [
      { field: 'companyId', from: DELETED, to: null },
      { field: 'reportsToId', from: NO_ACCESS, to: null },
    ])
  })

  test("deleting a manager: the reports' history in one insert per table, the manager by id", async ({
    client,
    assert,
  }) => {
    const { org, rep, admin, secret, boss } = await world()
    const reports: number[] = []
    for (let i = 0; i < 25; i++)
      reports.push(
        await insertContact(org, {
          first_name: `Persona${i}`,
          company_id: secret,
          reports_to_id: boss,
          owner_id: rep.id,
        })
      )
    const { count } = await countQueries(/^insert into [`"]?timeline_events/i, () =>
      client.delete(`/crm/contacts/${boss}`).loginAs(admin).withCsrfToken().withInertia()
    )
    // The reports' entries in one insert, and the contact's own "moved to the bin".
    assert.equal(count, 2)
    const entry = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.contact', subject_id: reports[0], kind: 'updated' })
      .firstOrFail()
    assert.deepEqual(JSON.parse(entry.data).changes, [
      { field: 'reportsToId', from: boss, to: null },
    ])
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.contact', subject_id: reports[0], action: 'update' })
      .firstOrFail()
    assert.deepEqual([audit.field, audit.old_value], ['reportsTo', 'Jefa Oculta'])
  })
})

test.group('Contact form: nothing about a company the user may not see', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('managers of a hidden company: none, even when some of its contacts are visible', async ({
    client,
    assert,
  }) => {
    const { org, rep, secret } = await world()
    // The rep owns a contact who works at the hidden company.
    await insertContact(org, { first_name: 'Pablo', company_id: secret, owner_id: rep.id })
    const mine = await insertCompany(org, { name: 'Mía', owner_id: rep.id })
    await insertContact(org, {
      first_name: 'Eva',
      last_name: 'Mía',
      company_id: mine,
      owner_id: rep.id,
    })

    const hidden = await client.get(`/crm/contacts/lookup?company=${secret}`).loginAs(rep)
    hidden.assertStatus(200)
    assert.deepEqual(hidden.body(), [])
    const visible = await client.get(`/crm/contacts/lookup?company=${mine}`).loginAs(rep)
    assert.deepEqual(
      visible.body().map((o: any) => o.label),
      ['Eva Mía']
    )

    const create = await client
      .get(`/crm/contacts/create?company=${secret}`)
      .loginAs(rep)
      .withInertia()
    create.assertStatus(200)
    assert.deepEqual(
      [
        create.inertiaProps.initialCompanyId,
        create.inertiaProps.companies,
        create.inertiaProps.managers,
      ],
      [null, [], []]
    )
    const ok = await client.get(`/crm/contacts/create?company=${mine}`).loginAs(rep).withInertia()
    assert.deepEqual([ok.inertiaProps.initialCompanyId, ok.inertiaProps.managers], [mine, []])
  })

  test('editing a contact at a hidden company keeps the company and manager as they are, unnamed', async ({
    client,
    assert,
  }) => {
    const { org, rep, secret, boss } = await world()
    const pablo = await insertContact(org, {
      first_name: 'Pablo',
      company_id: secret,
      reports_to_id: boss,
      owner_id: rep.id,
    })
    const form = await client.get(`/crm/contacts/${pablo}/edit`).loginAs(rep).withInertia()
    assert.deepEqual(form.inertiaProps.companies, [{ value: String(secret), label: '' }])
    assert.deepEqual(form.inertiaProps.managers, [{ value: String(boss), label: '' }])
    // Saving unchanged keeps both.
    await client
      .put(`/crm/contacts/${pablo}`)
      .json({ firstName: 'Pablo', lastName: 'Prueba', companyId: secret, reportsToId: boss })
      .loginAs(rep)
      .withCsrfToken()
      .withInertia()
    const row = await db.from('crm_contacts').where('id', pablo).firstOrFail()
    assert.deepEqual([row.company_id, row.reports_to_id], [secret, boss])
  })
})

test.group('Org chart and rules', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the cycle check reads the company's chart once, however deep the chain", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const company = await insertCompany(org, { owner_id: user.id })
    const top = await insertContact(org, {
      first_name: 'Top',
      company_id: company,
      owner_id: user.id,
    })
    let previous = top
    for (let i = 0; i < 30; i++)
      previous = await insertContact(org, {
        first_name: `Nivel${i}`,
        company_id: company,
        reports_to_id: previous,
        owner_id: user.id,
      })
    const bottom = previous
    const loner = await insertContact(org, {
      first_name: 'Suelta',
      company_id: company,
      owner_id: user.id,
    })

    const moved = await countQueries(/from [`"]?crm_contacts[`"]?/i, () =>
      client
        .put(`/crm/contacts/${loner}`)
        .json({ firstName: 'Suelta', companyId: company, reportsToId: bottom })
        .loginAs(user)
        .withCsrfToken()
        .withInertia()
        .redirects(0)
    )
    moved.result.assertStatus(303)
    assert.equal(
      (await db.from('crm_contacts').where('id', loner).firstOrFail()).reports_to_id,
      bottom
    )
    assert.isBelow(moved.count, 12, moved.sql.join('\n'))

    const cycle = await client
      .put(`/crm/contacts/${top}`)
      .json({ firstName: 'Top', companyId: company, reportsToId: bottom })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    cycle.assertFlashMessage('inputErrorsBag', {
      reportsToId: [
        'Ese superior crearía un ciclo en el organigrama (alguien acabaría reportándose a sí mismo).',
      ],
    })
    assert.isNull((await db.from('crm_contacts').where('id', top).firstOrFail()).reports_to_id)
  })

  test("refusals are the kernel's RuleError (one class and one orBack for every module)", async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const other = await crmUser(org, 'own')
    const access = await AccessContext.forUser(rep)
    const refused = await resolveOwner({
      access,
      resource: 'crm.companies',
      action: 'edit',
      requested: other.id,
    }).catch((error) => error)
    assert.instanceOf(refused, RuleError)
    assert.deepEqual([refused.key, refused.field], ['errors.owner_not_assignable', 'ownerId'])
  })
})
