import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiRequest, ApiResponse } from '@japa/api-client'
import { dbTimestamp } from '#app/support/dates'
import { createOrganization, createTeam, createUser, crud } from '#tests/helpers/world'
import type Organization from '#models/organization'
import type User from '#models/user'
import type { Scope } from '#app/registry/types'
import { removeOrganizations } from '../cleanup.js'

/*
 * Writes over HTTP WITHOUT `withGlobalTransaction`. Inside a global test transaction every
 * query shares one connection, so a query through the global `db` (or a model without
 * `{ client: trx }`) while a `db.transaction` is open goes unnoticed. In production SQLite has a
 * single pooled connection: that query waits for the connection the transaction holds, the
 * request fails after the pool's acquire timeout and everyone else waits meanwhile.
 *
 * Each test creates its own organization. The pool's acquire timeout is cut to a few seconds
 * and every request is raced against a timer, so a regression fails fast instead of hanging the
 * suite. The organizations are removed when the group ends: SQLite rebuilds a table to drop a
 * column, and the suite's final rollback of the migrations would fail on rows left behind.
 */

const ACQUIRE_TIMEOUT_MS = 3_000
const REQUEST_TIMEOUT_MS = 10_000

interface TarnPool {
  acquireTimeoutMillis: number
}

function pool(): TarnPool | undefined {
  const knex = db.connection().getWriteClient() as unknown as { client: { pool?: TarnPool } }
  return knex.client.pool
}

async function send(request: ApiRequest, label: string): Promise<ApiResponse> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `${label}: no answer in ${REQUEST_TIMEOUT_MS} ms (a query outside the transaction?)`
          )
        ),
      REQUEST_TIMEOUT_MS
    )
  })
  try {
    return await Promise.race([request.then((r) => r), timeout])
  } finally {
    clearTimeout(timer)
  }
}

function crmUser(org: Organization, scope: Scope, attributes: Partial<User> = {}) {
  return createUser(
    org,
    {
      permissions: [...crud('crm.companies'), ...crud('crm.contacts')],
      scopes: { 'crm.companies': scope, 'crm.contacts': scope },
    },
    attributes
  )
}

async function insertRow(table: string, row: Record<string, unknown>): Promise<number> {
  const [result] = await db.table(table).returning('id').insert(row)
  return Number(
    typeof result === 'object' && result !== null ? (result as { id: number }).id : result
  )
}

function insertCompany(org: Organization, ownerId: number, name: string) {
  const now = dbTimestamp()
  return insertRow('crm_companies', {
    organization_id: org.id,
    name,
    name_normalized: name.toLowerCase(),
    type: 'cliente',
    owner_id: ownerId,
    created_at: now,
    updated_at: now,
  })
}

function insertContact(
  org: Organization,
  ownerId: number,
  first: string,
  attributes: Record<string, unknown> = {}
) {
  const now = dbTimestamp()
  return insertRow('crm_contacts', {
    organization_id: org.id,
    first_name: first,
    last_name: 'Prueba',
    name_normalized: `${first.toLowerCase()} prueba`,
    last_name_normalized: 'prueba',
    owner_id: ownerId,
    created_at: now,
    updated_at: now,
    ...attributes,
  })
}

const created: number[] = []

async function newOrganization() {
  const org = await createOrganization(['crm'])
  created.push(org.id)
  return org
}

const companyForm = (overrides: Record<string, unknown> = {}) => ({
  name: 'Suministros Levante',
  type: 'cliente',
  phones: [{ number: '961 234 567' }],
  ...overrides,
})

test.group('Writes outside a global test transaction (SQLite has one connection)', (group) => {
  let previous: number | undefined
  group.setup(() => {
    const p = pool()
    previous = p?.acquireTimeoutMillis
    if (p) p.acquireTimeoutMillis = ACQUIRE_TIMEOUT_MS
    return async () => {
      if (p && previous !== undefined) p.acquireTimeoutMillis = previous
      await removeOrganizations(created.splice(0))
    }
  })

  test('a director (scope all) gives a company and a contact to someone else', async ({
    client,
    assert,
  }) => {
    const org = await newOrganization()
    const director = await crmUser(org, 'all', { fullName: 'Directora' })
    const rep = await crmUser(org, 'own', { fullName: 'Comercial' })
    const companyId = await insertCompany(org, director.id, 'Suministros Levante')
    const contactId = await insertContact(org, director.id, 'Ana', { company_id: companyId })

    const company = await send(
      client
        .put(`/crm/companies/${companyId}`)
        .json(companyForm({ ownerId: rep.id }))
        .loginAs(director)
        .withCsrfToken()
        .withInertia()
        .redirects(0),
      'company owner'
    )
    company.assertStatus(303)
    company.assertHeader('location', `/crm/companies/${companyId}`)
    const contact = await send(
      client
        .put(`/crm/contacts/${contactId}`)
        .json({ firstName: 'Ana', lastName: 'Prueba', companyId, ownerId: rep.id })
        .loginAs(director)
        .withCsrfToken()
        .withInertia()
        .redirects(0),
      'contact owner'
    )
    contact.assertStatus(303)
    contact.assertHeader('location', `/crm/contacts/${contactId}`)

    assert.equal(
      (await db.from('crm_companies').where('id', companyId).firstOrFail()).owner_id,
      rep.id
    )
    assert.equal(
      (await db.from('crm_contacts').where('id', contactId).firstOrFail()).owner_id,
      rep.id
    )
  })

  test("a team-scope user creates a contact at a teammate's company, under a teammate's contact", async ({
    client,
    assert,
  }) => {
    const org = await newOrganization()
    const leader = await crmUser(org, 'team', { fullName: 'Jefa de equipo' })
    const mate = await crmUser(org, 'own', { fullName: 'Compañero' })
    await createTeam(org, leader, [mate], 'Levante')
    const companyId = await insertCompany(org, mate.id, 'Cerámicas del Turia')
    const bossId = await insertContact(org, mate.id, 'Jefe', { company_id: companyId })

    const response = await send(
      client
        .post('/crm/contacts')
        .json({ firstName: 'Luis', lastName: 'Prueba', companyId, reportsToId: bossId })
        .loginAs(leader)
        .withCsrfToken()
        .withInertia()
        .redirects(0),
      'create contact'
    )
    response.assertStatus(302)
    const newContact = await db
      .from('crm_contacts')
      .where('organization_id', org.id)
      .where('first_name', 'Luis')
      .firstOrFail()
    response.assertHeader('location', `/crm/contacts/${newContact.id}`)
    assert.equal(newContact.company_id, companyId)
    assert.equal(newContact.reports_to_id, bossId)
  })

  test("a hierarchy-scope user edits a subordinate's company and gives it to another subordinate", async ({
    client,
    assert,
  }) => {
    const org = await newOrganization()
    const manager = await crmUser(org, 'hierarchy', { fullName: 'Gerente' })
    const rep = await crmUser(org, 'own', { fullName: 'Comercial A', reportsToId: manager.id })
    const other = await crmUser(org, 'own', { fullName: 'Comercial B', reportsToId: manager.id })
    const companyId = await insertCompany(org, rep.id, 'Hierros Castellón')

    const response = await send(
      client
        .put(`/crm/companies/${companyId}`)
        .json(companyForm({ name: 'Hierros Castellón S.A.', ownerId: other.id }))
        .loginAs(manager)
        .withCsrfToken()
        .withInertia()
        .redirects(0),
      'edit company'
    )
    response.assertStatus(303)
    const row = await db.from('crm_companies').where('id', companyId).firstOrFail()
    assert.deepEqual([row.name, row.owner_id], ['Hierros Castellón S.A.', other.id])
  })

  test("a hierarchy-scope user moves a subordinate's contact under another contact of the company", async ({
    client,
    assert,
  }) => {
    const org = await newOrganization()
    const manager = await crmUser(org, 'hierarchy', { fullName: 'Gerente' })
    const rep = await crmUser(org, 'own', { fullName: 'Comercial', reportsToId: manager.id })
    const companyId = await insertCompany(org, rep.id, 'Transportes Albufera')
    const boss = await insertContact(org, rep.id, 'Jefa', { company_id: companyId })
    const clerk = await insertContact(org, rep.id, 'Pedro', { company_id: companyId })

    const response = await send(
      client
        .put(`/crm/contacts/${clerk}`)
        .json({ firstName: 'Pedro', lastName: 'Prueba', companyId, reportsToId: boss })
        .loginAs(manager)
        .withCsrfToken()
        .withInertia()
        .redirects(0),
      'edit contact'
    )
    response.assertStatus(303)
    assert.equal(
      (await db.from('crm_contacts').where('id', clerk).firstOrFail()).reports_to_id,
      boss
    )
  })

  test('deleting a company: refused while contacts are beyond reach, then detaches them all', async ({
    client,
    assert,
  }) => {
    const org = await newOrganization()
    const leader = await crmUser(org, 'team', { fullName: 'Jefa de equipo' })
    const mate = await crmUser(org, 'own', { fullName: 'Compañero' })
    const stranger = await crmUser(org, 'own', { fullName: 'Otra persona' })
    await createTeam(org, leader, [mate], 'Levante')
    const companyId = await insertCompany(org, mate.id, 'Muebles Xàtiva')
    const boss = await insertContact(org, mate.id, 'Jefa', { company_id: companyId })
    const ids = [boss]
    for (let i = 0; i < 5; i++)
      ids.push(
        await insertContact(org, i % 2 ? stranger.id : mate.id, `Persona${i}`, {
          company_id: companyId,
          reports_to_id: boss,
        })
      )

    const remove = () =>
      client
        .delete(`/crm/companies/${companyId}`)
        .loginAs(leader)
        .withCsrfToken()
        .withInertia()
        .header('referer', `/crm/companies/${companyId}`)
        .redirects(0)
    // Two contacts belong to someone beyond the leader's team: the delete is refused, inside its transaction.
    const refused = await send(remove(), 'delete company (refused)')
    refused.assertHeader('location', `/crm/companies/${companyId}`)
    assert.isNotNull(await db.from('crm_companies').where('id', companyId).first())
    await db.from('crm_contacts').whereIn('id', ids).update({ owner_id: mate.id })

    const response = await send(remove(), 'delete company')
    response.assertStatus(303)
    response.assertHeader('location', '/crm/companies')
    assert.isNull(
      await db.from('crm_companies').where('id', companyId).whereNull('deleted_at').first()
    )
    const contacts = await db.from('crm_contacts').whereIn('id', ids)
    assert.isTrue(contacts.every((c) => c.company_id === null && c.reports_to_id === null))
    const history = await db
      .from('timeline_events')
      .where({ organization_id: org.id, subject_type: 'crm.contact', kind: 'updated' })
    assert.lengthOf(history, ids.length, 'one history entry per detached contact')
  })

  test('nothing is left waiting: the next request is answered at once', async ({ client }) => {
    const org = await newOrganization()
    const user = await crmUser(org, 'all')
    const response = await send(client.get('/crm/companies').loginAs(user).withInertia(), 'list')
    response.assertStatus(200)
  })
})
