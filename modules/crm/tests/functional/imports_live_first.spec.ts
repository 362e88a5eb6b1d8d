import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { dbTimestamp } from '#app/support/dates'
import { insertCompany } from '../helpers.js'
import { insertLead } from '../leads_helpers.js'
import { removeOrganizations } from '../cleanup.js'
import companiesImport from '../../imports/companies.js'
import leadsImport from '../../imports/leads.js'
import { lookupChannel } from '../../imports/shared.js'

/*
 * Import key lookups put a live record before one in the recycle bin with an ORDER BY MS SQL
 * accepts (a CASE; `deleted_at is not null` is a boolean expression it refuses). The SQL sent is
 * read from the connection's query events, so no global transaction; the organization is removed.
 */
const created: number[] = []

async function sentSql<T>(run: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  const knex = db.connection().getWriteClient() as any
  const sql: string[] = []
  const listener = (q: { sql: string }) => sql.push(q.sql)
  knex.on('query', listener)
  try {
    return { result: await run(), sql }
  } finally {
    knex.removeListener('query', listener)
  }
}

test.group('Imports · live record first, portable ORDER BY', (g) => {
  g.teardown(() => removeOrganizations(created.splice(0)))

  test('company, lead and channel lookups prefer the live record without boolean ORDER BY', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    created.push(org.id)
    const binned = await insertCompany(org, { name_key: 'quetzal', deleted_at: dbTimestamp() })
    const live = await insertCompany(org, { name_key: 'quetzal' })
    assert.isBelow(binned, live)
    const binnedLead = await insertLead(
      org,
      { email: 'ana@quetzal.es' },
      { deleted_at: dbTimestamp() }
    )
    const liveLead = await insertLead(org, { email: 'ana@quetzal.es' })
    assert.isBelow(binnedLead, liveLead)
    const client = db.connection()
    const ctx = { organizationId: org.id, client }
    const { result, sql } = await sentSql(async () => ({
      company: await companiesImport.lookup('name', ['quetzal'], ctx),
      lead: await leadsImport.lookup('email', ['ana@quetzal.es'], ctx),
      channel: await lookupChannel(
        client,
        org.id,
        'crm_emails',
        'company_id',
        ['x@y.es'],
        'crm_companies'
      ),
    }))
    assert.deepEqual(result.company.get('quetzal'), { id: live, ownerId: null, binned: false })
    assert.deepEqual(result.lead.get('ana@quetzal.es'), {
      id: liveLead,
      ownerId: null,
      binned: false,
    })
    assert.equal(result.channel.size, 0)
    assert.lengthOf(sql, 3)
    for (const statement of sql) {
      assert.match(statement, /order by case when/i)
      assert.notMatch(statement, /is not null/i)
    }
  })
})
