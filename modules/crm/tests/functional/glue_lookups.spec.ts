import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import { createOrganization, createUser, crud } from '#tests/helpers/world'
import type { Scope } from '#app/registry/types'
import { insertLead } from '../leads_helpers.js'
import { insertOpportunity, stagesByName } from '../pipeline_helpers.js'
import { typeIds } from '../activities_helpers.js'

const RESOURCES = [
  'crm.companies',
  'crm.contacts',
  'crm.leads',
  'crm.opportunities',
  'crm.activities',
]

/** A user with view/create/edit on every CRM record type at one scope. */
function user(org: Organization, scope: Scope, resources = RESOURCES) {
  return createUser(org, {
    permissions: resources.flatMap((r) => crud(r, ['view', 'create', 'edit'])),
    scopes: Object.fromEntries(resources.map((r) => [r, scope])),
  })
}

test.group('Glue: lead and opportunity pickers of the activity form', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the lookups offer only records in scope, by name prefix, and an activity can be planned on them', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const [rep, colleague] = [await user(org, 'own'), await user(org, 'own')]
    const stage = Object.values(await stagesByName(org))[0]
    const mine = await insertLead(
      org,
      { title: 'TPV', firstName: 'Lucía', lastName: 'Martín' },
      {
        owner_id: rep.id,
      }
    )
    await insertLead(
      org,
      { title: 'Ajena', firstName: 'Lucas', lastName: 'Mora' },
      {
        owner_id: colleague.id,
      }
    )
    const deal = await insertOpportunity(org, {
      name: 'Renovación flota',
      stage_id: stage.id,
      owner_id: rep.id,
    })
    const hidden = await insertOpportunity(org, {
      name: 'Renting',
      stage_id: stage.id,
      owner_id: colleague.id,
    })

    const leads = await client.get('/crm/leads/lookup?q=lu').loginAs(rep)
    leads.assertStatus(200)
    assert.deepEqual(leads.body(), [{ value: String(mine), label: 'Lucía Martín' }])
    const deals = await client.get('/crm/opportunities/lookup?q=REN').loginAs(rep)
    assert.deepEqual(deals.body(), [{ value: String(deal), label: 'Renovación flota' }])
    const all = await client.get('/crm/opportunities/lookup').loginAs(colleague)
    assert.deepEqual(all.body(), [{ value: String(hidden), label: 'Renting' }])

    const types = await typeIds(org)
    const plan = (subjectType: string, subjectId: number) =>
      client
        .post('/crm/activities')
        .json({
          typeId: types.call,
          subjectType,
          subjectId,
          title: 'Llamar',
          dueAt: new Date().toISOString(),
        })
        .loginAs(rep)
        .withCsrfToken()
    ;(await plan('crm.lead', mine)).assertStatus(200)
    ;(await plan('crm.opportunity', deal)).assertStatus(200)
    ;(await plan('crm.opportunity', hidden)).assertStatus(422)
    const planned = await db
      .from('crm_activities')
      .where('organization_id', org.id)
      .orderBy('id')
      .select('subject_type', 'subject_id')
    assert.deepEqual(
      planned.map((r) => [r.subject_type, Number(r.subject_id)]),
      [
        ['crm.lead', mine],
        ['crm.opportunity', deal],
      ]
    )
  })

  test('without the view permission the lookup answers 403', async ({ client }) => {
    const org = await createOrganization(['crm'])
    const support = await user(org, 'all', ['crm.companies', 'crm.activities'])
    ;(await client.get('/crm/leads/lookup').loginAs(support)).assertStatus(403)
    ;(await client.get('/crm/opportunities/lookup').loginAs(support)).assertStatus(403)
  })
})
