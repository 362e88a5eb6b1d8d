import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import {
  findByEmail,
  findContactSummary,
  findLeadsByEmail,
  insertCompanyRow,
  insertContactRow,
  recordCards,
} from '#modules/crm/contracts/index'
import { eml, linksOf } from '../mail_helpers.js'
import { capture, write } from '../triage_helpers.js'

/*
 * Correo › Reglas (GET/POST/PUT/DELETE /mail/rules, move, blocklist) for
 * mail.mailboxes.configure, and the two rule actions the pipeline applies here: tag and
 * create_lead (only for a sender the CRM does not know).
 */
const admin = (org: any) =>
  createUser(org, {
    permissions: ['mail.mailboxes.view', 'mail.mailboxes.configure', 'crm.companies.view'],
    scopes: { 'crm.companies': 'all' },
  })

const rule = (extra: Record<string, unknown> = {}) => ({
  name: 'Facturas',
  match: 'all',
  conditions: [{ field: 'subject', op: 'contains', value: 'factura' }],
  actions: [{ type: 'tag', tag: 'Factura' }],
  ...extra,
})

const rules = (organizationId: number) =>
  db.from('mail_rules').where('organization_id', organizationId).orderBy('position')

test.group('Triage: capture rules admin', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('only mail.mailboxes.configure opens and changes the rules', async ({ client }) => {
    const org = await createOrganization(['crm', 'mail'])
    const reader = await createUser(org, { permissions: ['mail.messages.view'] })
    ;(await client.get('/mail/rules').loginAs(reader)).assertStatus(403)
    ;(await write(client.post('/mail/rules'), reader, rule())).assertStatus(403)
    ;(await write(client.post('/mail/blocklist'), reader, { pattern: 'x.es' })).assertStatus(403)
    const boss = await admin(org)
    const page = await client.get('/mail/rules').loginAs(boss).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('mail/rules/index')
  })

  test('create, validate, edit, reorder and delete rules', async ({ client, assert }) => {
    const org = await createOrganization(['crm', 'mail'])
    const boss = await admin(org)
    const bad = rule({ conditions: [{ field: 'subject', op: 'matches', value: '([a-z' }] })
    await write(client.post('/mail/rules'), boss, bad)
    await write(
      client.post('/mail/rules'),
      boss,
      rule({ conditions: [{ field: 'header', op: 'equals', value: 'x' }] })
    )
    await write(
      client.post('/mail/rules'),
      boss,
      rule({ actions: [{ type: 'assign', userId: 999999 }] })
    )
    await write(
      client.post('/mail/rules'),
      boss,
      rule({ actions: [{ type: 'link', record: 'crm.lead:999999' }] })
    )
    assert.lengthOf(await rules(org.id), 0)
    ;(await write(client.post('/mail/rules'), boss, rule())).assertStatus(302)
    await write(
      client.post('/mail/rules'),
      boss,
      rule({
        name: 'Boletines',
        match: 'any',
        conditions: [
          { field: 'header', header: 'List-Id', op: 'contains', value: 'boletin' },
          { field: 'from', op: 'matches', value: '^news@' },
        ],
        actions: [{ type: 'skip' }],
        stop: true,
      })
    )
    let [first, second] = await rules(org.id)
    assert.deepEqual([first.name, second.name], ['Facturas', 'Boletines'])
    assert.deepEqual(JSON.parse(first.actions), [{ type: 'tag', tag: 'factura' }])
    assert.equal(JSON.parse(second.conditions)[0].header, 'List-Id')
    await write(client.post(`/mail/rules/${second.id}/move`), boss, { direction: 'up' })
    ;[first, second] = await rules(org.id)
    assert.deepEqual([first.name, second.name], ['Boletines', 'Facturas'])
    await write(
      client.put(`/mail/rules/${second.id}`),
      boss,
      rule({ name: 'Facturas 2', enabled: false })
    )
    const [, edited] = await rules(org.id)
    assert.deepInclude(edited, { name: 'Facturas 2' })
    assert.isFalse(!!edited.enabled)
    await write(client.delete(`/mail/rules/${first.id}`), boss)
    assert.lengthOf(await rules(org.id), 1)
    const other = await createOrganization(['crm', 'mail'])
    const stranger = await admin(other)
    ;(await write(client.delete(`/mail/rules/${edited.id}`), stranger)).assertStatus(404)
  })

  test('the blocklist: add and remove an address or domain; blocked mail is spam', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const boss = await admin(org)
    await write(client.post('/mail/blocklist'), boss, { pattern: 'Spammer.es' })
    await write(client.post('/mail/blocklist'), boss, { pattern: 'pepe@otro.es' })
    await write(client.post('/mail/blocklist'), boss, { pattern: 'no vale' })
    const list = await db.from('mail_blocklist').where('organization_id', org.id).orderBy('pattern')
    assert.deepEqual(
      list.map((r) => r.pattern),
      ['pepe@otro.es', 'spammer.es']
    )
    const [m] = await capture(org.id, 'ventas', [eml({ messageId: 'bl@x', from: 'a@spammer.es' })])
    assert.isTrue(!!m.spam)
    await write(client.delete(`/mail/blocklist/${list[1].id}`), boss)
    assert.lengthOf(await db.from('mail_blocklist').where('organization_id', org.id), 1)
  })

  test('link and assign actions: the page names the linked record; captured mail follows both', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const boss = await admin(org)
    const ana = await createUser(org, { permissions: ['mail.messages.view'] })
    const company = await insertCompanyRow(org.id, { name: 'Proveedor Uno' })
    await write(
      client.post('/mail/rules'),
      boss,
      rule({
        name: 'Proveedor',
        conditions: [{ field: 'from', op: 'ends_with', value: '@proveedor.es' }],
        actions: [
          { type: 'link', record: `crm.company:${company}` },
          { type: 'assign', userId: ana.id },
        ],
      })
    ).then((r: any) => r.assertStatus(302))
    // The form's record picker shows the record by its name, not a typed reference.
    const page = await client.get('/mail/rules').loginAs(boss).withInertia()
    assert.deepEqual(page.inertiaProps.rules[0].actions, [
      { type: 'link', recordType: 'crm.company', recordId: company, recordLabel: 'Proveedor Uno' },
      { type: 'assign', userId: ana.id },
    ])
    const [m1, m2] = await capture(org.id, 'ventas', [
      eml({ messageId: 'pr1@x', from: 'pedidos@proveedor.es', subject: 'Albarán' }),
      eml({ messageId: 'pr2@x', from: 'otro@otra.es', subject: 'Hola' }),
    ])
    assert.include(await linksOf(m1.id), `crm.company:${company}:rule`)
    assert.equal(Number(m1.assigned_user_id), ana.id)
    assert.deepEqual(await linksOf(m2.id), [])
    assert.isNull(m2.assigned_user_id)
  })

  test('link action: only a record the editor may see; the page does not name hidden ones', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const other = await createUser(org, { permissions: ['crm.companies.view'] })
    const editor = await createUser(org, {
      permissions: ['mail.mailboxes.view', 'mail.mailboxes.configure', 'crm.companies.view'],
      scopes: { 'crm.companies': 'own' },
    })
    const hidden = await insertCompanyRow(org.id, { name: 'Oculta SL', ownerId: other.id })
    const own = await insertCompanyRow(org.id, { name: 'Propia SL', ownerId: editor.id })
    const refused = await write(
      client.post('/mail/rules'),
      editor,
      rule({ actions: [{ type: 'link', record: `crm.company:${hidden}` }] })
    )
    refused.assertStatus(302)
    assert.lengthOf(await rules(org.id), 0)
    await write(
      client.post('/mail/rules'),
      editor,
      rule({ actions: [{ type: 'link', record: `crm.company:${own}` }] })
    ).then((r: any) => r.assertStatus(302))
    assert.lengthOf(await rules(org.id), 1)
    // A rule another editor linked to the hidden company: listed without the company's name.
    await db
      .from('mail_rules')
      .where('organization_id', org.id)
      .update({
        actions: JSON.stringify([{ type: 'link', recordType: 'crm.company', recordId: hidden }]),
      })
    const page = await client.get('/mail/rules').loginAs(editor).withInertia()
    assert.deepEqual(page.inertiaProps.rules[0].actions, [
      { type: 'link', recordType: 'crm.company', recordId: hidden, recordLabel: null },
    ])
  })

  test('tag and create_lead actions: tags stored; a lead only for an unknown sender, linked', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    await insertContactRow(org.id, { firstName: 'Ana', lastName: 'G', email: 'ana@conocido.es' })
    const boss = await admin(org)
    await write(
      client.post('/mail/rules'),
      boss,
      rule({
        name: 'Presupuestos',
        conditions: [{ field: 'subject', op: 'contains', value: 'presupuesto' }],
        actions: [{ type: 'tag', tag: 'Presupuesto' }, { type: 'create_lead' }],
      })
    )
    const [m1, m2] = await capture(org.id, 'ventas', [
      eml({ messageId: 'cl1@x', from: 'Marta Ruiz <marta@nueva.es>', subject: 'Presupuesto obra' }),
      eml({ messageId: 'cl2@x', from: 'ana@conocido.es', subject: 'Presupuesto 2' }),
    ])
    const tags = await db.from('mail_message_tags').whereIn('message_id', [m1.id, m2.id])
    assert.lengthOf(tags, 2)
    assert.equal(tags[0].tag, 'presupuesto')
    const leads = await findLeadsByEmail(org.id, 'marta@nueva.es')
    assert.lengthOf(leads, 1)
    const [card] = await recordCards(org.id, [{ type: 'crm.lead', id: leads[0] }])
    assert.equal(card.name, 'Presupuesto obra')
    assert.include(await linksOf(m1.id), `crm.lead:${leads[0]}:rule`)
    assert.lengthOf(await findLeadsByEmail(org.id, 'ana@conocido.es'), 0)
    assert.notInclude((await linksOf(m2.id)).join(), 'crm.lead')
  })

  test('create_contact action: a contact for an unknown sender, at the company of its domain, linked', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const company = await insertCompanyRow(org.id, { name: 'Nueva S.L.', website: 'nueva.es' })
    await insertContactRow(org.id, { firstName: 'Ana', lastName: 'G', email: 'ana@conocido.es' })
    const boss = await admin(org)
    ;(
      await write(
        client.post('/mail/rules'),
        boss,
        rule({
          name: 'Contactos nuevos',
          conditions: [{ field: 'subject', op: 'contains', value: 'pedido' }],
          actions: [{ type: 'create_contact' }],
        })
      )
    ).assertStatus(302)
    const [m1, m2] = await capture(org.id, 'ventas', [
      eml({ messageId: 'cc1@x', from: 'Marta Ruiz <marta@nueva.es>', subject: 'Pedido 1' }),
      eml({ messageId: 'cc2@x', from: 'ana@conocido.es', subject: 'Pedido 2' }),
    ])
    const found = await findByEmail(org.id, 'marta@nueva.es')
    assert.lengthOf(found.contactIds, 1)
    const contact = await findContactSummary(org.id, found.contactIds[0])
    assert.deepInclude(contact, { name: 'Marta Ruiz', companyId: company, email: 'marta@nueva.es' })
    assert.include(await linksOf(m1.id), `crm.contact:${contact!.id}:rule`)
    const history = await db
      .from('timeline_events')
      .where({ organization_id: org.id, subject_type: 'crm.contact', subject_id: contact!.id })
      .select('kind')
    assert.sameMembers(
      history.map((h) => h.kind),
      ['created', 'mail.received']
    )
    // A known sender gets nothing new.
    assert.lengthOf((await findByEmail(org.id, 'ana@conocido.es')).contactIds, 1)
    assert.notInclude((await linksOf(m2.id)).join(), ':rule')
  })
})
