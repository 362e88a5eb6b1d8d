import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { deleteTag, ensureTags, updateTag } from '#app/tags/tags'
import { cachedCount } from '#app/support/cache'
import { tagsOfRecords } from '#app/tags/taggings'
import { createOrganization, createUser, crud } from '#tests/helpers/world'
import { crmUser, insertCompanies, insertCompany, insertContact } from '../helpers.js'

/*
 * Tags (app/tags) on companies and contacts: the record endpoint's permissions and scope, the
 * list's column and filter (with keyset paging), bulk add/remove, the bin and the export.
 */

const tag = (client: any, user: any, path: string, body: Record<string, unknown>) =>
  client.post(`/tags/${path}`).json(body).accept('json').loginAs(user).withCsrfToken()

const bulk = (client: any, user: any, resource: string, body: Record<string, unknown>) =>
  client.post(`/crm/${resource}/bulk`).json(body).accept('json').loginAs(user).withCsrfToken()

const namesOf = async (organizationId: number, resource: string, id: number) =>
  ((await tagsOfRecords(organizationId, resource, [id])).get(id) ?? []).map((t) => t.name)

test.group('Tags on CRM records', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an editor adds tags by id and by new name, removes one, and the history says so', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own', { fullName: 'Ana Rep' })
    const company = await insertCompany(org, { owner_id: rep.id })
    const [frio] = await ensureTags(org.id, ['Frío'])
    const added = await tag(client, rep, `crm.companies/${company}`, {
      add: [frio.id],
      create: ['Cliente VIP', 'cliente vip'],
    })
    added.assertStatus(200)
    assert.deepEqual(
      added.body().tags.map((t: any) => t.name),
      ['Cliente VIP', 'Frío']
    )
    const removed = await tag(client, rep, `crm.companies/${company}`, { remove: [frio.id] })
    assert.deepEqual(
      removed.body().tags.map((t: any) => t.name),
      ['Cliente VIP']
    )
    const shown = await client.get(`/tags/crm.companies/${company}`).loginAs(rep)
    assert.deepEqual(
      shown.body().tags.map((t: any) => t.name),
      ['Cliente VIP']
    )
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.company', subject_id: company, field: 'tags' })
      .orderBy('id')
      .select('old_value', 'new_value', 'actor_id')
    assert.deepEqual(
      audit.map((r) => [r.old_value, r.new_value, Number(r.actor_id)]),
      [
        [null, 'Cliente VIP, Frío', rep.id],
        ['Cliente VIP, Frío', 'Cliente VIP', rep.id],
      ]
    )
    // The autocomplete finds it by its folded name.
    const found = await client.get('/tags?q=VIP').loginAs(rep)
    assert.deepEqual(
      found.body().tags.map((t: any) => t.name),
      ['Cliente VIP']
    )
  })

  test('a view-only user cannot tag (403); a record out of scope or of another organization is 404', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const viewer = await createUser(org, {
      permissions: [...crud('crm.companies', ['view']), ...crud('crm.contacts', ['view'])],
      scopes: { 'crm.companies': 'all', 'crm.contacts': 'all' },
    })
    const rep = await crmUser(org, 'own')
    const colleague = await crmUser(org, 'own')
    const theirs = await insertCompany(org, { owner_id: colleague.id })
    const contact = await insertContact(org, { owner_id: colleague.id })
    const [vip] = await ensureTags(org.id, ['VIP'])
    ;(await tag(client, viewer, `crm.companies/${theirs}`, { add: [vip.id] })).assertStatus(403)
    // The viewer sees the record's tags.
    ;(await client.get(`/tags/crm.companies/${theirs}`).loginAs(viewer)).assertStatus(200)
    ;(await tag(client, rep, `crm.companies/${theirs}`, { add: [vip.id] })).assertStatus(404)
    ;(await tag(client, rep, `crm.contacts/${contact}`, { add: [vip.id] })).assertStatus(404)
    ;(await client.get(`/tags/crm.companies/${theirs}`).loginAs(rep)).assertStatus(404)
    const other = await createOrganization(['crm'])
    const stranger = await crmUser(other, 'all')
    ;(await tag(client, stranger, `crm.companies/${theirs}`, { create: ['X'] })).assertStatus(404)
    // An unknown resource, or one without tags, looks missing too.
    ;(await tag(client, rep, `crm.nothing/${theirs}`, { create: ['X'] })).assertStatus(404)
    assert.deepEqual(await namesOf(org.id, 'crm.companies', theirs), [])
    assert.isNull(await db.from('org_tags').where('organization_id', other.id).first())
  })

  test("the organization's tags are listed only to a user who views a resource that takes them", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    await ensureTags(org.id, ['VIP'])
    const viewer = await createUser(org, {
      permissions: crud('crm.contacts', ['view']),
      scopes: { 'crm.contacts': 'all' },
    })
    const listed = await client.get('/tags').accept('json').loginAs(viewer)
    listed.assertStatus(200)
    assert.deepEqual(
      listed.body().tags.map((t: any) => t.name),
      ['VIP']
    )
    const nobody = await createUser(org, { permissions: [] })
    ;(await client.get('/tags').accept('json').loginAs(nobody)).assertStatus(403)
    // CRM rights in an organization without the CRM module enabled do not count either.
    const bare = await createOrganization([])
    const outside = await createUser(bare, {
      permissions: crud('crm.companies', ['view']),
      scopes: { 'crm.companies': 'all' },
    })
    ;(await client.get('/tags').accept('json').loginAs(outside)).assertStatus(403)
  })

  test('the list shows the tags and filters by any of them, paging by keyset', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    await insertCompanies(org, 60, (i) => ({ name: `Empresa ${String(i).padStart(2, '0')}` }))
    const ids = (
      await db.from('crm_companies').where('organization_id', org.id).orderBy('name')
    ).map((r) => Number(r.id))
    const [a, b] = await ensureTags(org.id, ['A', 'B'])
    const tagged = ids.filter((_, i) => i % 3 === 0)
    const onlyB = ids.filter((_, i) => i % 3 === 1).slice(0, 2)
    for (const id of tagged) await tag(client, user, `crm.companies/${id}`, { add: [a.id] })
    for (const id of onlyB) await tag(client, user, `crm.companies/${id}`, { add: [b.id] })
    const seen: number[] = []
    let url = `/crm/companies?tag=${a.id},${b.id}&per=25`
    for (;;) {
      const page = await client.get(url).loginAs(user).withInertia()
      page.assertStatus(200)
      const rows = page.inertiaProps.companies
      for (const row of rows) {
        assert.isAbove(row.tags.length, 0)
        seen.push(row.id)
      }
      assert.deepEqual(page.inertiaProps.tagFilter, [a.id, b.id])
      if (!page.inertiaProps.next) {
        assert.equal(page.inertiaProps.count.value ?? page.inertiaProps.count, 22)
        break
      }
      url = `/crm/companies?tag=${a.id},${b.id}&per=25&cursor=${encodeURIComponent(page.inertiaProps.next)}`
    }
    assert.deepEqual(
      seen,
      ids.filter((id) => tagged.includes(id) || onlyB.includes(id))
    )
    const onlyOne = await client.get(`/crm/companies?tag=${b.id}`).loginAs(user).withInertia()
    assert.deepEqual(
      onlyOne.inertiaProps.companies.map((r: any) => [r.id, r.tags.map((t: any) => t.name)]),
      onlyB.map((id) => [id, ['B']])
    )
  })

  test('bulk add and remove respect the edit scope of each row', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const colleague = await crmUser(org, 'own')
    const mine = await insertCompany(org, { owner_id: rep.id, name: 'Mía' })
    const mine2 = await insertCompany(org, { owner_id: rep.id, name: 'Mía 2' })
    const theirs = await insertCompany(org, { owner_id: colleague.id, name: 'Suya' })
    const added = await bulk(client, rep, 'companies', {
      action: 'tags',
      ids: [mine, mine2, theirs],
      params: { create: ['Nueva'] },
    })
    added.assertStatus(200)
    assert.containsSubset(added.body(), { status: 'done', total: 3, changed: 2 })
    assert.equal(added.body().skipped.scope, 1)
    assert.deepEqual(await namesOf(org.id, 'crm.companies', mine), ['Nueva'])
    assert.deepEqual(await namesOf(org.id, 'crm.companies', theirs), [])
    const nueva = await db
      .from('org_tags')
      .where({ organization_id: org.id, name_key: 'nueva' })
      .first()
    const again = await bulk(client, rep, 'companies', {
      action: 'tags',
      ids: [mine, mine2],
      params: { add: [nueva.id] },
    })
    assert.containsSubset(again.body(), { changed: 0, unchanged: 2 })
    // "All matching" the list's filters: the tag filter included.
    const removed = await bulk(client, rep, 'companies', {
      action: 'tags',
      all: true,
      query: { tag: String(nueva.id) },
      params: { remove: [nueva.id] },
    })
    assert.containsSubset(removed.body(), { status: 'done', total: 2, changed: 2 })
    assert.deepEqual(await namesOf(org.id, 'crm.companies', mine2), [])
    const history = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.company', subject_id: mine, kind: 'updated' })
      .orderBy('id')
    assert.deepEqual(
      history.map((h) => JSON.parse(h.data).changes),
      [[{ field: 'tags', from: null, to: 'Nueva' }], [{ field: 'tags', from: 'Nueva', to: null }]]
    )
    // Contacts too; a value with neither add, create nor remove is refused.
    const contact = await insertContact(org, { owner_id: rep.id })
    const onContact = await bulk(client, rep, 'contacts', {
      action: 'tags',
      ids: [contact],
      params: { create: ['Nueva'] },
    })
    assert.containsSubset(onContact.body(), { changed: 1 })
    const empty = await bulk(client, rep, 'contacts', {
      action: 'tags',
      ids: [contact],
      params: {},
    })
    empty.assertStatus(422)
  })

  test('a tag named with digits ("2024") is a name, on a record and in bulk, never a tag id', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: rep.id })
    const other = await insertCompany(org, { owner_id: rep.id })
    // A tag whose id is the digits of the new name: the bug took "N" for tag N.
    const [target] = await ensureTags(org.id, ['Objetivo'])
    const digits = String(target.id)
    const added = await tag(client, rep, `crm.companies/${company}`, { create: [digits] })
    added.assertStatus(200)
    assert.deepEqual(
      added.body().tags.map((t: any) => t.name),
      [digits]
    )
    const created = await db.from('org_tags').where({ organization_id: org.id, name: digits })
    assert.lengthOf(created, 1)
    assert.notEqual(Number(created[0].id), target.id)
    // A digit string where an id goes is refused, not read as an id.
    ;(await tag(client, rep, `crm.companies/${company}`, { add: [digits] })).assertStatus(422)
    const inBulk = await bulk(client, rep, 'companies', {
      action: 'tags',
      ids: [other],
      params: { create: [digits, '2024'] },
    })
    inBulk.assertStatus(200)
    assert.deepEqual(
      (await namesOf(org.id, 'crm.companies', other)).sort(),
      ['2024', digits].sort()
    )
    const refused = await bulk(client, rep, 'companies', {
      action: 'tags',
      ids: [other],
      params: { add: [digits] },
    })
    refused.assertStatus(422)
    assert.lengthOf(
      await db.from('taggings').where({ tag_id: target.id }),
      0,
      'tag "Objetivo" was put on no record'
    )
  })

  test('a binned company keeps its tags and gets them back on restore; a purge removes them', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const admin = await createUser(org, { isAdmin: true })
    const company = await insertCompany(org, { name: 'Acme' })
    await tag(client, user, `crm.companies/${company}`, { create: ['VIP'] })
    const send = (request: any, who: any) => request.loginAs(who).withCsrfToken().withInertia()
    await send(client.delete(`/crm/companies/${company}`), user)
    const entry = await db
      .from('bin_entries')
      .where({ resource: 'crm.companies', record_id: company })
      .first()
    await send(client.post(`/bin/${entry.id}/restore`), user)
    assert.deepEqual(await namesOf(org.id, 'crm.companies', company), ['VIP'])
    const page = await client.get('/crm/companies').loginAs(user).withInertia()
    assert.deepEqual(
      page.inertiaProps.companies.find((r: any) => r.id === company).tags.map((t: any) => t.name),
      ['VIP']
    )
    await send(client.delete(`/crm/companies/${company}`), user)
    const again = await db
      .from('bin_entries')
      .where({ resource: 'crm.companies', record_id: company })
      .first()
    await send(client.delete(`/bin/${again.id}`), admin)
    assert.lengthOf(
      await db.from('taggings').where({ resource: 'crm.companies', record_id: company }),
      0
    )
  })

  test('the export has an "Etiquetas" column with the names joined', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const company = await insertCompany(org, { name: 'Acme' })
    await insertCompany(org, { name: 'Beta' })
    await tag(client, user, `crm.companies/${company}`, { create: ['VIP', 'Frío'] })
    const response = await client.get('/crm/companies/export').loginAs(user)
    const [header, ...rows] = response
      .text()
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    const column = header.split(';').indexOf('Etiquetas')
    assert.isAbove(column, -1)
    const cells = Object.fromEntries(rows.map((r) => [r.split(';')[0], r.split(';')[column]]))
    assert.deepEqual(cells, { Acme: 'Frío, VIP', Beta: '' })
  })

  test('Administración › Etiquetas lists usage, renames, recolours and deletes; others get 403', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const user = await crmUser(org, 'all')
    const company = await insertCompany(org, { name: 'Acme' })
    await tag(client, user, `crm.companies/${company}`, { create: ['VIP', 'Frío'] })
    const tags = await db.from('org_tags').where('organization_id', org.id).orderBy('name_key')
    const [frio, vip] = tags
    ;(await client.get('/admin/tags').loginAs(user)).assertStatus(403)
    const page = await client.get('/admin/tags').loginAs(admin).withInertia()
    assert.deepEqual(
      page.inertiaProps.tags.map((t: any) => [t.name, t.uses]),
      [
        ['Frío', 1],
        ['VIP', 1],
      ]
    )
    const put = (id: number, body: Record<string, unknown>) =>
      client.put(`/admin/tags/${id}`).form(body).loginAs(admin).withCsrfToken().redirects(0)
    // The list's page is cached before the rename…
    const before = await client.get('/crm/companies').loginAs(user).withInertia()
    assert.deepEqual(
      before.inertiaProps.companies[0].tags.map((t: any) => t.name),
      ['Frío', 'VIP']
    )
    const taken = await put(frio.id, { name: 'vip', color: 'blue' })
    taken.assertStatus(302)
    assert.equal((await db.from('org_tags').where('id', frio.id).first()).name, 'Frío')
    await put(frio.id, { name: 'Templado', color: 'blue' })
    const renamed = await db.from('org_tags').where('id', frio.id).first()
    assert.deepEqual([renamed.name, renamed.color], ['Templado', 'blue'])
    // …and shows the new name at once (its cached page went).
    const list = await client.get('/crm/companies').loginAs(user).withInertia()
    assert.deepEqual(
      list.inertiaProps.companies[0].tags.map((t: any) => t.name),
      ['Templado', 'VIP']
    )
    ;(
      await client.delete(`/admin/tags/${vip.id}`).loginAs(admin).withCsrfToken().redirects(0)
    ).assertStatus(302)
    assert.deepEqual(await namesOf(org.id, 'crm.companies', company), ['Templado'])
    const other = await createOrganization(['crm'])
    const otherAdmin = await createUser(other, { isAdmin: true })
    ;(
      await client.delete(`/admin/tags/${frio.id}`).loginAs(otherAdmin).withCsrfToken()
    ).assertStatus(404)
  })
})

test.group('Tags: the admin changes reach cached lists', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('renaming or deleting a tag drops the cached lists of every resource that takes tags', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const [vip] = await ensureTags(org.id, ['VIP'])
    const count = (n: number) => cachedCount(org.id, 'crm.companies', 'tags probe', async () => n)
    assert.equal(await count(1), 1)
    assert.equal(await count(2), 1, 'cached')
    await updateTag({ organizationId: org.id, tagId: vip.id, name: 'Cliente VIP' })
    assert.equal(await count(3), 3, 'renamed: the cached figure went')
    await updateTag({ organizationId: org.id, tagId: vip.id, color: 'gray' })
    assert.equal(await count(4), 4, 'recoloured')
    await deleteTag({ organizationId: org.id, tagId: vip.id })
    assert.equal(await count(5), 5, 'deleted')
  })
})
