import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createUser } from '#tests/helpers/world'
import { cleanInput, cleanText } from '#app/support/clean_input'
import { itemNames } from '#tests/helpers/sonda'
import { adminWorld, write } from '../admin/_helpers.js'

const INVALID_ES = 'La petición no es válida. Recargue la página e inténtelo de nuevo.'
const INVALID_EN = 'The request is not valid. Reload the page and try again.'

const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n)
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)

test.group('Input hygiene · control characters', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('NUL and control characters leave text; tabs and line breaks stay', async ({ assert }) => {
    assert.equal(cleanText('A\u0000c\u0007m\u001be\u007f'), 'Acme')
    assert.equal(cleanText('uno\r\ndos\tres\n'), 'uno\r\ndos\tres\n')
    // As JSON.parse builds it: "__proto__" is an own key there, and must not become a prototype.
    const parsed = JSON.parse(
      '{"list":[{"name":"x\\u0000y"}],"n":3,"ok":true,"none":null,"__proto__":{"polluted":1}}'
    )
    const cleaned = cleanInput(parsed)
    assert.deepEqual(cleaned, { list: [{ name: 'xy' }], n: 3, ok: true, none: null })
    assert.isUndefined((cleaned as any).polluted)
  })

  test('module and admin forms store text without them', async ({ client, assert }) => {
    const { org, admin } = await adminWorld(['sonda'])
    const item = await write(client.post('/sonda/items'), admin, {
      name: 'Acme\u0000 Ibérica\u0007',
      notes: 'Línea 1\r\nLínea\t2\u0000\u001b[31m',
      tags: [{ label: 'Calle\u0000 Mayor 1' }],
    }).withInertia()
    item.assertStatus(302)
    const row = await db.from('sonda_items').where('organization_id', org.id).firstOrFail()
    assert.equal(row.name, 'Acme Ibérica')
    assert.equal(row.notes, 'Línea 1\r\nLínea\t2[31m')
    assert.deepEqual(JSON.parse(row.tags), ['Calle Mayor 1'])

    const role = await write(client.post('/admin/roles'), admin, {
      name: 'Ventas\u0000\u0008',
      description: 'Para\u0000 el equipo',
      isAdmin: false,
      permissions: [],
      scopes: [],
    })
    role.assertStatus(302)
    const stored = await db
      .from('roles')
      .where('organization_id', org.id)
      .where('name', 'Ventas')
      .firstOrFail()
    assert.equal(stored.description, 'Para el equipo')

    // Query strings too: the list filter searches for the cleaned text.
    const list = await client.get('/sonda/items').qs({ q: 'Acme\u0000' }).loginAs(admin)
    assert.equal(list.body().filters.q, 'Acme')
    assert.deepEqual(itemNames(list.body()), ['Acme Ibérica'])
  })
})

test.group('Input hygiene · deeply nested JSON', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('10 000 levels of arrays or objects get a clean, translated 400', async ({
    client,
    assert,
  }) => {
    const { admin } = await adminWorld(['sonda'])
    const inForm = `{"name":"X","notes":${deepObject(10_000)}}`
    for (const body of [deepArray(10_000), deepObject(10_000), inForm]) {
      for (const url of ['/sonda/items', '/admin/roles', '/login']) {
        const html = await client
          .post(url)
          .json(body as any)
          .loginAs(admin)
          .withCsrfToken()
          .redirects(0)
        html.assertStatus(400)
        assert.equal(html.text(), INVALID_ES, url)
        const api = await client
          .post(url)
          .json(body as any)
          .header('accept', 'application/json')
          .header('accept-language', 'en')
          .loginAs(admin)
          .withCsrfToken()
          .redirects(0)
        api.assertStatus(400)
        assert.deepEqual(api.body(), { message: INVALID_EN }, url)
      }
    }
  })

  test('nesting no form needs is refused the same way, and nothing is written', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['sonda'])
    const body = `{"name":"Profunda","notes":${deepArray(100)}}`
    const response = await client
      .post('/sonda/items')
      .json(body as any)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(400)
    assert.equal(response.text(), INVALID_ES)
    assert.lengthOf(await db.from('sonda_items').where('organization_id', org.id), 0)
    // Ordinary nesting (a list of objects in the form) still works.
    const ok = await write(client.post('/sonda/items'), admin, {
      name: 'Normal',
      tags: [{ label: 'Oficina' }, { label: 'Madrid' }],
    }).withInertia()
    ok.assertStatus(302)
    const stored = await db.from('sonda_items').where('organization_id', org.id).firstOrFail()
    assert.deepEqual(JSON.parse(stored.tags), ['Oficina', 'Madrid'])
  })

  test('malformed JSON is the same translated 400', async ({ client, assert }) => {
    const org = await adminWorld()
    const user = await createUser(org.org)
    const response = await client
      .post('/admin/roles')
      .json('{"name": "x",' as any)
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(400)
    assert.equal(response.text(), INVALID_ES)
  })
})
