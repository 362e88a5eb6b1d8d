import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { AccessContext } from '#app/access/access_context'
import { RuleError } from '#app/support/rule_error'
import { createOrganization, createUser, crud } from '#tests/helpers/world'
import { insertLead, leadPayload, leadsUser } from '../leads_helpers.js'
import { removeOrganizations } from '../cleanup.js'
import { convertLead } from '../../actions/leads/convert_lead.js'

/*
 * Converting a lead: creating its company or contact needs the right to create them, and two
 * conversions at once make one customer, not two. Real transactions (a global test transaction
 * would put both conversions on one connection); the organizations are removed at the end.
 */
const created: number[] = []
const count = (table: string, organizationId: number) =>
  db
    .from(table)
    .where('organization_id', organizationId)
    .count('* as n')
    .first()
    .then((r) => Number(r?.n ?? 0))

test.group('Leads · convert guards', (g) => {
  g.teardown(() => removeOrganizations(created.splice(0)))

  test('a new company or contact is refused without crm.companies/contacts.create', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    created.push(org.id)
    const user = await createUser(org, {
      permissions: [
        ...crud('crm.leads', ['view', 'edit', 'convert']),
        'crm.companies.view',
        'crm.contacts.view',
      ],
      scopes: { 'crm.leads': 'all', 'crm.companies': 'all', 'crm.contacts': 'all' },
    })
    const leadId = await insertLead(org, leadPayload(), { owner_id: user.id })
    const params = {
      organizationId: org.id,
      actorId: user.id,
      access: await AccessContext.forUser(user),
      leadId,
      opportunity: { create: false },
    }
    const refusal = async (company: any, contact: any) => {
      try {
        await convertLead({ ...params, company, contact })
        return null
      } catch (error) {
        assert.instanceOf(error, RuleError)
        return (error as RuleError).message
      }
    }
    assert.isNotNull(await refusal({ mode: 'new' }, { mode: 'none' }))
    assert.isNotNull(await refusal({ mode: 'none' }, { mode: 'new' }))
    assert.equal(await count('crm_companies', org.id), 0)
    assert.equal(await count('crm_contacts', org.id), 0)
    const lead = await db.from('crm_leads').where('id', leadId).firstOrFail()
    assert.equal(lead.status, 'new')
    // Without creating anything the conversion goes through.
    assert.isNull(await refusal({ mode: 'none' }, { mode: 'none' }))
  })

  test('two conversions at once: one succeeds, one customer is created', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    created.push(org.id)
    const user = await leadsUser(org, 'all')
    const leadId = await insertLead(org, leadPayload(), { owner_id: user.id })
    const access = await AccessContext.forUser(user)
    const convert = () =>
      convertLead({
        organizationId: org.id,
        actorId: user.id,
        access,
        leadId,
        company: { mode: 'new' },
        contact: { mode: 'new' },
        // No opportunity: its currency list is read outside the transaction, which on SQLite
        // (one connection) would wait behind the second conversion.
        opportunity: { create: false },
      })
    const results = await Promise.allSettled([convert(), convert()])
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected'])
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    assert.instanceOf(rejected.reason, RuleError)
    assert.equal(await count('crm_companies', org.id), 1)
    assert.equal(await count('crm_contacts', org.id), 1)
  })
})
