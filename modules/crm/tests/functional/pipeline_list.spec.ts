import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { createOrganization, createTeam, createUser } from '#tests/helpers/world'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { ensureTags } from '#app/tags/tags'
import { insertCompany, insertContact } from '../helpers.js'
import { csvCells } from '../accounts_helpers.js'
import { insertActivityRow } from '../activities_helpers.js'
import { insertLead } from '../leads_helpers.js'
import { insertOpportunity, pipelineUser, stagesByName } from '../pipeline_helpers.js'

/*
 * The opportunities list: the board's filters on every pipeline, sort, keyset paging, sums and
 * export in the user's scope, the search box taking % and _ literally (board too), saved views
 * shared with the board, and delete → recycle bin → restore / purge.
 */

const send = (request: any, user: User) => request.loginAs(user).withCsrfToken().withInertia()

async function list(client: ApiClient, user: User, query = '') {
  const response = await client
    .get(`/crm/opportunities/list${query ? `?${query}` : ''}`)
    .loginAs(user)
    .withInertia()
  response.assertStatus(200)
  return response.inertiaProps as any
}

const names = (props: any) => props.opportunities.map((r: any) => r.name)

/**
 * rep (own) and a colleague (own), a leader (team, "Norte" with rep), an admin (all) and a
 * supporter (all, view and export only). Amounts in whole euros, so every sum is by hand.
 */
async function world() {
  const org = await createOrganization(['crm'])
  const admin = await pipelineUser(org, 'all', { fullName: 'Admin' })
  const leader = await pipelineUser(org, 'team', { fullName: 'Leader' })
  const rep = await pipelineUser(org, 'own', { fullName: 'Rep' })
  const colleague = await pipelineUser(org, 'own', { fullName: 'Colleague' })
  const team = await createTeam(org, leader, [rep], 'Norte')
  const s = await stagesByName(org)
  const company = await insertCompany(org, { name: 'Acme Industrial' })
  const add = (name: string, attributes: Record<string, unknown> = {}) =>
    insertOpportunity(org, {
      name,
      stage_id: s['En análisis'].id,
      amount_minor: 100_00,
      probability: 10,
      ...attributes,
    })
  const ids = {
    alpha: await add('Alpha', {
      owner_id: rep.id,
      team_id: team.id,
      company_id: company,
      amount_minor: 1000_00,
      expected_close_on: '2026-03-10',
      priority: 3,
      source: 'web',
    }),
    bravo: await add('Bravo', {
      owner_id: rep.id,
      stage_id: s['Oferta presentada'].id,
      amount_minor: 2000_00,
      probability: 40,
      expected_close_on: '2026-04-20',
      priority: 1,
    }),
    charlie: await add('Charlie', {
      owner_id: colleague.id,
      amount_minor: 4000_00,
      expected_close_on: '2026-05-05',
      source: 'web',
    }),
    delta: await add('Delta', {
      stage_id: s['Ganada'].id,
      status: 'won',
      probability: 100,
      amount_minor: 8000_00,
    }),
  }
  return { org, admin, leader, rep, colleague, team, s, company, ids, add }
}

test.group('Opportunities list · filters, sort, paging, sums', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the board filters narrow the list; sums follow the rows', async ({ client, assert }) => {
    const { admin, rep, team, s, ids } = await world()
    const [tag] = await ensureTags(admin.organizationId, ['Prioritaria'])
    await db.table('taggings').insert({
      organization_id: admin.organizationId,
      tag_id: tag.id,
      resource: 'crm.opportunities',
      record_id: ids.bravo,
      created_at: dbTimestamp(),
    })
    const all = await list(client, admin, 'sort=name')
    assert.deepEqual(names(all), ['Alpha', 'Bravo', 'Charlie', 'Delta'])
    assert.deepEqual(all.totals, { count: 4, totalMinor: '1500000', weightedMinor: '930000' })
    const alpha = all.opportunities[0]
    assert.equal(alpha.companyName, 'Acme Industrial')
    assert.equal(alpha.teamName, 'Norte')
    assert.equal(alpha.stageName, 'En análisis')
    assert.equal(alpha.expectedCloseOn, '2026-03-10')

    const cases: [string, string[]][] = [
      ['status=won', ['Delta']],
      ['status=open', ['Alpha', 'Bravo', 'Charlie']],
      [`owner=${rep.id}`, ['Alpha', 'Bravo']],
      ['unassigned=1', ['Delta']],
      [`team=${team.id}`, ['Alpha']],
      [`stage=${s['Oferta presentada'].id}`, ['Bravo']],
      ['closeFrom=2026-04-01&closeTo=2026-04-30', ['Bravo']],
      ['source=web', ['Alpha', 'Charlie']],
      ['priority=2', ['Alpha']],
      ['q=char', ['Charlie']],
      [`tag=${tag.id}`, ['Bravo']],
    ]
    for (const [query, expected] of cases)
      assert.deepEqual(names(await list(client, admin, `sort=name&${query}`)), expected, query)
    const won = await list(client, admin, 'status=won')
    assert.deepEqual(won.totals, { count: 1, totalMinor: '800000', weightedMinor: '800000' })
    // "mine" is the user asking.
    assert.deepEqual(names(await list(client, rep, 'owner=mine&sort=-name')), ['Bravo', 'Alpha'])
    // A malformed filter shows the unfiltered list rather than an error.
    assert.lengthOf((await list(client, admin, 'status=nope')).opportunities, 4)
  })

  test('sorts by name both ways and pages by keyset without gaps or repeats', async ({
    client,
    assert,
  }) => {
    const { admin, add } = await world()
    for (let i = 0; i < 27; i++) await add(`Zeta ${String(i).padStart(2, '0')}`)
    const desc = await list(client, admin, 'sort=-name&per=25')
    assert.equal(desc.opportunities[0].name, 'Zeta 26')
    assert.lengthOf(desc.opportunities, 25)
    assert.deepEqual(desc.count, { value: 31, capped: false })
    const second = await list(client, admin, `sort=-name&per=25&cursor=${desc.next}`)
    assert.deepEqual(names(second), ['Zeta 01', 'Zeta 00', 'Delta', 'Charlie', 'Bravo', 'Alpha'])
    assert.isNull(second.next)
    const back = await list(client, admin, `sort=-name&per=25&before=${second.prev}`)
    assert.deepEqual(names(back), names(desc))
    const asc = await list(client, admin, 'sort=name')
    assert.deepEqual(names(asc).slice(0, 3), ['Alpha', 'Bravo', 'Charlie'])
  })

  test('scopes: rows and sums only in scope; the export under two scopes', async ({
    client,
    assert,
  }) => {
    const { org, admin, rep, leader, colleague, ids } = await world()
    const mine = await list(client, rep, 'sort=name')
    assert.deepEqual(names(mine), ['Alpha', 'Bravo'])
    assert.deepEqual(mine.totals, { count: 2, totalMinor: '300000', weightedMinor: '90000' })
    assert.equal(mine.list.scope, 'own')
    // The leader's team: herself and rep.
    assert.deepEqual(names(await list(client, leader, 'sort=name')), ['Alpha', 'Bravo'])
    // Another rep's opportunity is not in the list whatever the filter asks.
    assert.deepEqual(names(await list(client, rep, `owner=${colleague.id}`)), [])

    const csv = await client.get('/crm/opportunities/export?sort=name').loginAs(admin)
    csv.assertStatus(200)
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    const rows = csvCells(csv.text())
    assert.equal(rows[0][0], 'Nombre')
    assert.deepEqual(
      rows.slice(1).map((r) => r[0]),
      ['Alpha', 'Bravo', 'Charlie', 'Delta']
    )
    // Amount in its currency's units, the stage, the status label.
    const alpha = rows[1]
    assert.equal(alpha[2], 'En análisis')
    assert.equal(alpha[3], 'Abierta')
    assert.match(alpha[4], /^1000([,.]0+)?$/)

    // A rep may not export (no permission): 403; with export on her own scope, only hers.
    const noExport = await pipelineUser(org, 'own', {}, ['view'])
    ;(await client.get('/crm/opportunities/export').loginAs(noExport)).assertStatus(403)
    const repCsv = await client.get('/crm/opportunities/export?status=open').loginAs(rep)
    assert.deepEqual(
      csvCells(repCsv.text())
        .slice(1)
        .map((r) => r[0])
        .sort(),
      ['Alpha', 'Bravo']
    )
    const xlsx = await client.get('/crm/opportunities/export/xlsx').loginAs(rep)
    xlsx.assertStatus(200)
    assert.include(xlsx.header('content-type'), 'spreadsheetml')
    const audit = await db
      .from('audit_logs')
      .where('organization_id', org.id)
      .where('subject_type', 'crm.opportunity')
      .where('actor_id', rep.id)
    assert.isAtLeast(audit.length, 2, 'each export is audited')
    assert.isDefined(ids)
  })

  test('the search box takes % and _ literally, on the list and on the board', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await pipelineUser(org, 'all')
    const s = await stagesByName(org)
    for (const name of ['Descuento 100% anual', 'Descuento 1000 anual', 'Plan a_b', 'Plan axb'])
      await insertOpportunity(org, { name, stage_id: s['En análisis'].id })
    assert.deepEqual(names(await list(client, admin, 'q=100%25')), ['Descuento 100% anual'])
    assert.deepEqual(names(await list(client, admin, 'q=a_b')), ['Plan a_b'])
    assert.lengthOf((await list(client, admin, 'q=%25')).opportunities, 1)
    const board = await client.get('/crm/opportunities/board?q=a_b').loginAs(admin).withInertia()
    const cards = (board.inertiaProps as any).columns.flatMap((c: any) => c.cards)
    assert.deepEqual(
      cards.map((c: any) => c.name),
      ['Plan a_b']
    )
  })

  test('a saved view of the list opens on the board with the same filters', async ({
    client,
    assert,
  }) => {
    const { admin, rep, s } = await world()
    const saved = await client
      .post('/views')
      .json({
        resource: 'crm.opportunities',
        name: 'Mis abiertas',
        state: 'owner=mine&status=open',
      })
      .header('accept', 'application/json')
      .loginAs(rep)
      .withCsrfToken()
    saved.assertStatus(201)
    const id = saved.body().view.id
    const board = await client
      .get(`/crm/opportunities/board?view=${id}`)
      .loginAs(rep)
      .withInertia()
      .redirects(0)
    board.assertStatus(302)
    assert.equal(
      board.header('location'),
      `/crm/opportunities/board?view=${id}&owner=mine&status=open`
    )
    const shown = await client
      .get(`/crm/opportunities/board?view=${id}&owner=mine&status=open`)
      .loginAs(rep)
      .withInertia()
    const props = shown.inertiaProps as any
    assert.equal(props.currentViewId, id)
    assert.equal(props.filters.owner, 'mine')
    assert.equal(props.filters.status, 'open')
    const counted = props.sums.filter((x: any) => x.count)
    assert.deepEqual(
      counted.map((x: any) => [x.stageId, x.count]),
      [
        [s['En análisis'].id, 1],
        [s['Oferta presentada'].id, 1],
      ]
    )
    const listed = await list(client, rep, `view=${id}&owner=mine&status=open`)
    assert.equal(listed.currentViewId, id)
    assert.isAtLeast(listed.views.length, 1)
    assert.isDefined(admin)
  })
})

test.group('Opportunities · delete, recycle bin, restore, purge', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('delete to the bin leaves board, sums and list; restore brings it back', async ({
    client,
    assert,
  }) => {
    const { org, rep, colleague, s, ids } = await world()
    const sums = async (user: User) => {
      const board = await client.get('/crm/opportunities/board').loginAs(user).withInertia()
      const props = board.inertiaProps as any
      return props.sums.find((x: any) => x.stageId === s['En análisis'].id)
    }
    assert.deepEqual(await sums(rep), {
      stageId: s['En análisis'].id,
      count: 1,
      totalMinor: '100000',
      weightedMinor: '10000',
    })
    // Out of scope: 404 and nothing changes.
    ;(await send(client.delete(`/crm/opportunities/${ids.charlie}`), rep)).assertStatus(404)
    const deleted = await send(client.delete(`/crm/opportunities/${ids.alpha}`), rep).redirects(0)
    deleted.assertStatus(303)
    assert.equal(deleted.header('location'), '/crm/opportunities/list')
    deleted.assertFlashMessage('success', 'Oportunidad «Alpha» movida a la papelera.')
    assert.deepEqual(await sums(rep), {
      stageId: s['En análisis'].id,
      count: 0,
      totalMinor: '0',
      weightedMinor: '0',
    })
    assert.deepEqual(names(await list(client, rep)), ['Bravo'])
    ;(await client.get(`/crm/opportunities/${ids.alpha}`).loginAs(rep)).assertStatus(404)
    const entry = await db
      .from('bin_entries')
      .where({ resource: 'crm.opportunities', record_id: ids.alpha })
      .firstOrFail()
    assert.equal(entry.title, 'Alpha')
    // The colleague does not see the rep's binned opportunity in the bin.
    const theirBin = await client.get('/bin').loginAs(colleague).withInertia()
    assert.notInclude(
      (theirBin.inertiaProps as any).entries.map((e: any) => e.title),
      'Alpha'
    )
    const restored = await send(client.post(`/bin/${entry.id}/restore`), rep).redirects(0)
    restored.assertStatus(302)
    assert.equal((await sums(rep)).count, 1)
    assert.deepEqual(names(await list(client, rep, 'sort=name')), ['Alpha', 'Bravo'])
    assert.isDefined(org)
  })

  test('purge deletes its contacts, competitors, steps and activities; the lead forgets it', async ({
    client,
    assert,
  }) => {
    const { org, rep, company, s, ids } = await world()
    const admin = await createUser(org, { isAdmin: true })
    const contact = await insertContact(org, { company_id: company, first_name: 'Ana' })
    const rival = await insertCompany(org, { name: 'Rival SL', type: 'competidor' })
    const now = dbTimestamp()
    await db.table('crm_opportunity_contacts').insert({
      organization_id: org.id,
      opportunity_id: ids.alpha,
      contact_id: contact,
    })
    await db.table('crm_opportunity_competitors').insert({
      organization_id: org.id,
      opportunity_id: ids.alpha,
      company_id: rival,
    })
    const stepId = await insertId(db.connection() as any, 'crm_pipeline_steps', {
      organization_id: org.id,
      stage_id: s['En análisis'].id,
      name: 'Llamada',
      position: 0,
      created_at: now,
    })
    await db.table('crm_opportunity_steps').insert({
      opportunity_id: ids.alpha,
      step_id: stepId,
      organization_id: org.id,
      done_at: now,
    })
    const activity = await insertActivityRow(org, {
      subject_type: 'crm.opportunity',
      subject_id: ids.alpha,
    })
    const lead = await insertLead(
      org,
      {},
      { status: 'converted', converted_opportunity_id: ids.alpha }
    )
    await send(client.delete(`/crm/opportunities/${ids.alpha}`), rep)
    // Binned: its own rows stay (a restore needs them).
    assert.lengthOf(await db.from('crm_opportunity_contacts').where('opportunity_id', ids.alpha), 1)
    const entry = await db
      .from('bin_entries')
      .where({ resource: 'crm.opportunities', record_id: ids.alpha })
      .firstOrFail()
    ;(await send(client.delete(`/bin/${entry.id}`), rep)).assertStatus(403)
    const purged = await send(client.delete(`/bin/${entry.id}`), admin).redirects(0)
    purged.assertStatus(303)
    assert.isNull(await db.from('crm_opportunities').where('id', ids.alpha).first())
    for (const table of [
      'crm_opportunity_contacts',
      'crm_opportunity_competitors',
      'crm_opportunity_steps',
    ])
      assert.lengthOf(await db.from(table).where('opportunity_id', ids.alpha), 0, table)
    assert.isNull(await db.from('crm_activities').where('id', activity).first())
    const converted = await db.from('crm_leads').where('id', lead).first()
    assert.isNull(converted.converted_opportunity_id)
    // The contact and the competitor are records of their own: they stay.
    assert.isNotNull(await db.from('crm_contacts').where('id', contact).first())
    assert.isNotNull(await db.from('crm_companies').where('id', rival).first())
    assert.isNotNull(await db.from('crm_opportunities').where('id', ids.bravo).first())
  })
})

const bulk = (client: ApiClient, user: User, body: Record<string, unknown>) =>
  client.post('/crm/opportunities/bulk').json(body).accept('json').loginAs(user).withCsrfToken()

test.group('Opportunities list · bulk actions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('owner, tags and delete on a selection; rows out of scope are skipped', async ({
    client,
    assert,
  }) => {
    const { org, admin, leader, ids } = await world()
    assert.deepEqual((await list(client, admin)).bulk.actions, [
      'owner',
      'tags',
      'delete',
      'export',
    ])
    // The bar offers only what the user may do: no delete or export without the permission.
    const editor = await pipelineUser(org, 'own', {}, ['view', 'edit'])
    assert.deepEqual((await list(client, editor)).bulk.actions, ['owner', 'tags'])
    ;(await bulk(client, editor, { action: 'delete', ids: [ids.alpha] })).assertStatus(403)
    // The leader (team scope) gives Alpha and Bravo to herself; Charlie is not in her team.
    const owner = await bulk(client, leader, {
      action: 'owner',
      ids: [ids.alpha, ids.bravo, ids.charlie],
      params: { ownerId: leader.id },
    })
    owner.assertStatus(200)
    assert.containsSubset(owner.body(), { changed: 2, skipped: { scope: 1 } })
    const owners = await db
      .from('crm_opportunities')
      .whereIn('id', [ids.alpha, ids.bravo, ids.charlie])
      .orderBy('id')
    assert.deepEqual(
      owners.map((r) => Number(r.owner_id)),
      [leader.id, leader.id, Number(owners[2].owner_id)]
    )
    assert.notEqual(Number(owners[2].owner_id), leader.id)

    const tagged = await bulk(client, admin, {
      action: 'tags',
      ids: [ids.charlie, ids.delta],
      params: { create: ['Urgente'] },
    })
    tagged.assertStatus(200)
    const urgent = await db
      .from('org_tags')
      .where('organization_id', admin.organizationId)
      .where('name', 'Urgente')
      .firstOrFail()
    assert.deepEqual(names(await list(client, admin, `sort=name&tag=${urgent.id}`)), [
      'Charlie',
      'Delta',
    ])

    // "All matching" the list's filters: the won ones, deleted to the bin.
    const removed = await bulk(client, admin, {
      action: 'delete',
      all: true,
      query: { status: 'won' },
    })
    removed.assertStatus(200)
    assert.containsSubset(removed.body(), { changed: 1 })
    assert.deepEqual(names(await list(client, admin, 'sort=name')), ['Alpha', 'Bravo', 'Charlie'])
    const csv = await client
      .get(`/crm/opportunities/bulk/export?ids=${ids.alpha},${ids.delta}`)
      .loginAs(admin)
    assert.deepEqual(
      csvCells(csv.text())
        .slice(1)
        .map((r) => r[0]),
      ['Alpha'],
      'a binned opportunity is not exported'
    )
  })
})
