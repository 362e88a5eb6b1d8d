import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createOrganization, createUser } from '#tests/helpers/world'
import { insertOpportunityRow } from '#modules/crm/contracts/index'
import { eml, linksOf } from '../mail_helpers.js'
import { capture, mailEntries, write } from '../triage_helpers.js'

/* The move dialog's other record types: leads and opportunities (crm lookups + recordCards). */
test.group('Triage: move to an opportunity', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a message moves to an opportunity and shows in its timeline', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const deal = await insertOpportunityRow(org.id, { name: 'Renovación flota' })
    const [m1] = await capture(org.id, 'ventas', [
      eml({ messageId: 'op1@x.es', from: 'a@desconocido.es', subject: 'Presupuesto flota' }),
    ])
    assert.deepEqual(await linksOf(m1.id), [])
    const user = await createUser(org, {
      permissions: [
        'mail.messages.view',
        'mail.messages.edit',
        'mail.messages.manage',
        'crm.opportunities.view',
        'crm.leads.view',
      ],
      scopes: { 'crm.opportunities': 'all', 'crm.leads': 'all' },
    })
    // The dialog's picker finds it through the CRM's lookup.
    const lookup = await client.get('/crm/opportunities/lookup?q=renov').loginAs(user)
    lookup.assertStatus(200)
    assert.deepInclude(lookup.body(), { value: String(deal), label: 'Renovación flota' })

    const moved = await write(client.post(`/mail/messages/${m1.id}/move`), user, {
      record: `crm.opportunity:${deal}`,
      scope: 'message',
    })
    moved.assertStatus(302)
    assert.deepEqual(await linksOf(m1.id), [`crm.opportunity:${deal}:manual`])
    assert.deepEqual(await mailEntries(org.id), [`crm.opportunity:${deal}:${m1.id}`])

    const page = await client.get(`/crm/opportunities/${deal}`).loginAs(user).withInertia()
    page.assertStatus(200)
    const entry = page.inertiaProps.timeline.entries.find((e: any) => e.kind === 'mail.received')
    assert.exists(entry)
    assert.equal(entry.data.messageId, m1.id)
    assert.equal(entry.data.summary, 'Presupuesto flota')
  })

  test('an opportunity out of the user’s scope is refused', async ({ client, assert }) => {
    const org = await createOrganization(['crm', 'mail'])
    const deal = await insertOpportunityRow(org.id, { name: 'Ajena' })
    const [m1] = await capture(org.id, 'ventas', [eml({ messageId: 'op2@x.es', from: 'a@b.es' })])
    const user = await createUser(org, {
      permissions: ['mail.messages.view', 'mail.messages.edit', 'mail.messages.manage'],
      scopes: {},
    })
    const refused = await write(client.post(`/mail/messages/${m1.id}/move`), user, {
      record: `crm.opportunity:${deal}`,
    })
    refused.assertStatus(302)
    assert.deepEqual(await linksOf(m1.id), [])
  })
})
