import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import companyBin from '../../bin/company_bin.js'
import contactBin from '../../bin/contact_bin.js'
import leadBin from '../../bin/lead_bin.js'
import { insertCompany, insertContact } from '../helpers.js'
import { insertOpportunity, stagesByName } from '../pipeline_helpers.js'
import { insertActivityRow } from '../activities_helpers.js'
import { insertLead } from '../leads_helpers.js'

const count = async (table: string, where: Record<string, unknown>) =>
  Number((await db.from(table).where(where).count('* as n').first()).n)

test.group('Purging CRM records that others point at', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a purged company, contact or lead trips no foreign key and leaves nothing pointing at it', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const company = await insertCompany(org, { name: 'Borrable S.L.' })
    const contact = await insertContact(org, { first_name: 'Ana', company_id: company })
    const stage = (await stagesByName(org))['En análisis']
    const opportunity = await insertOpportunity(org, { stage_id: stage.id, company_id: company })
    const client = db.connection()
    await insertId(client as any, 'crm_opportunity_contacts', {
      organization_id: org.id,
      opportunity_id: opportunity,
      contact_id: contact,
      role: 'decisor',
    })
    const lead = await insertLead(
      org,
      {},
      { converted_company_id: company, converted_contact_id: contact }
    )
    const activity = await insertActivityRow(org, {
      subject_type: 'crm.company',
      subject_id: company,
    })
    await insertId(client as any, 'crm_activity_attendees', {
      organization_id: org.id,
      activity_id: await insertActivityRow(org, { subject_type: 'crm.lead', subject_id: lead }),
      contact_id: contact,
    })
    await insertId(client as any, 'crm_lead_assignments', {
      organization_id: org.id,
      lead_id: lead,
      fallback: true,
      reason: '{}',
      candidates: '[]',
      created_at: dbTimestamp(),
    })

    await db.transaction(async (trx) => {
      const params = (recordId: number) => ({
        organizationId: org.id,
        actorId: null,
        recordId,
        trx,
      })
      await contactBin.purge(params(contact) as any)
      await companyBin.purge(params(company) as any)
      await leadBin.purge(params(lead) as any)
    })

    assert.equal(await count('crm_companies', { id: company }), 0)
    assert.equal(await count('crm_contacts', { id: contact }), 0)
    assert.equal(await count('crm_leads', { id: lead }), 0)
    const opp = await db.from('crm_opportunities').where('id', opportunity).firstOrFail()
    assert.isNull(opp.company_id, 'the opportunity stays, without its company')
    assert.equal(await count('crm_opportunity_contacts', { opportunity_id: opportunity }), 0)
    assert.equal(await count('crm_activities', { id: activity }), 0, "the company's activity")
    assert.equal(await count('crm_activities', { organization_id: org.id }), 0, "the lead's too")
    assert.equal(await count('crm_activity_attendees', { organization_id: org.id }), 0)
    assert.equal(await count('crm_lead_assignments', { organization_id: org.id }), 0)
  })
})
