import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createOrganization, createUser } from '#tests/helpers/world'

test.group('CRM menu: configuration pages are folded apart from daily pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('teams, rules, web forms and activity types come as settings entries; lists do not', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const response = await client.get('/').loginAs(admin).withInertia()
    response.assertStatus(200)
    const navigation = response.inertiaProps.shell.navigation as {
      module: string
      href: string
      section: string | null
      moduleLabel: string
    }[]
    const section = (href: string) => navigation.find((n) => n.href === href)?.section
    for (const href of [
      '/crm/companies',
      '/crm/leads',
      '/crm/opportunities/board',
      '/crm/activities',
    ])
      assert.isNull(section(href), `${href} is a daily page`)
    for (const href of [
      '/crm/opportunities/teams',
      '/crm/web-forms',
      '/crm/activity-types',
      '/crm/task-rules',
      '/crm/assignment/rules',
    ])
      assert.equal(section(href), 'settings', `${href} is a settings page`)
    assert.isTrue(
      navigation
        .filter((n) => n.module === 'crm')
        .every((n) => n.moduleLabel === 'crm.module.label')
    )
  })
})
