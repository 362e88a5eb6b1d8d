import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createOrganization } from '#tests/helpers/world'
import { insertContactRow } from '#modules/crm/contracts/index'
import { composeWorld, sender } from '../compose_helpers.js'

type RecordAction = { href: string; subjects: string[]; replaces: string | null }

/** The record actions a record page of `subject` offers (what QuickActions renders). */
function actionsFor(props: Record<string, any>, subject: string): RecordAction[] {
  return (props.shell.recordActions as RecordAction[]).filter((a) => a.subjects.includes(subject))
}

test.group('Compose: one way to write from a record page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('with mail installed, «Escribir correo» replaces the mailto: link on every CRM record type', async ({
    client,
    assert,
  }) => {
    const w = await composeWorld('actions')
    const page = await client.get(`/crm/contacts/${w.contact}`).loginAs(w.rep).withInertia()
    page.assertStatus(200)
    for (const subject of ['crm.company', 'crm.contact', 'crm.lead', 'crm.opportunity']) {
      const actions = actionsFor(page.inertiaProps, subject)
      assert.deepEqual(
        actions.map((a) => [a.href, a.replaces]),
        [['/mail/compose', 'mailto']],
        subject
      )
    }
  })

  test('without mail, the record page keeps the mailto: link (no action replaces it)', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await sender(org, 'rosa.sin-correo@cartera-demo.es')
    const contact = await insertContactRow(org.id, {
      firstName: 'Ana',
      lastName: 'García',
      email: 'ana.sin-correo@cliente-a.es',
      ownerId: rep.id,
    })
    const page = await client.get(`/crm/contacts/${contact}`).loginAs(rep).withInertia()
    page.assertStatus(200)
    assert.deepEqual(actionsFor(page.inertiaProps, 'crm.contact'), [])
  })
})
