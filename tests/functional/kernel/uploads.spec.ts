import { test } from '@japa/runner'
import { readdir, readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { testLicence } from '#tests/helpers/licences'
import { adminWorld } from '#tests/functional/admin/_helpers'

/** Files that appeared in the OS temporary folder since `before` and contain `marker`. */
async function leftovers(before: Set<string>, marker: string): Promise<string[]> {
  const found: string[] = []
  for (const name of await readdir(tmpdir())) {
    if (before.has(name)) continue
    const path = join(tmpdir(), name)
    const info = await stat(path).catch(() => null)
    if (!info?.isFile() || info.size > 1_000_000) continue
    if ((await readFile(path, 'utf8').catch(() => '')).includes(marker)) found.push(name)
  }
  return found
}

const snapshot = async () => new Set(await readdir(tmpdir()))

test.group('Uploads', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an anonymous multipart POST is answered as usual and leaves no file behind', async ({
    client,
    assert,
  }) => {
    const marker = `cartera-${randomUUID()}`
    const before = await snapshot()
    for (const url of ['/admin/licence', '/sonda/items', '/no-existe']) {
      const response = await client
        .post(url)
        .redirects(0)
        .field('name', 'x')
        .file('file', Buffer.from(marker.repeat(2000)), { filename: 'big.bin' })
      assert.include([302, 403, 404], response.status(), url)
      if (response.status() === 302) {
        response.assertFlashMessage('errorsBag', {
          E_BAD_CSRF_TOKEN: 'La página ha caducado. Recárguela e inténtelo de nuevo.',
        })
      }
    }
    assert.deepEqual(await leftovers(before, marker), [])
  })

  test('an uploaded licence file is read, then its temporary file is deleted', async ({
    client,
    assert,
  }) => {
    const { admin } = await adminWorld()
    const before = await snapshot()
    const text = testLicence({ id: 'lic-tmp-1', customer: 'Temporal S.L.' })
    const response = await client
      .post('/admin/licence')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
      .file('file', Buffer.from(text), {
        filename: 'licencia.json',
        contentType: 'application/json',
      })
    response.assertHeader('location', '/admin/licence')
    assert.deepEqual(
      (await db.from('licences').select('licence_id')).map((r) => r.licence_id),
      ['lic-tmp-1']
    )
    assert.deepEqual(await leftovers(before, 'Temporal S.L.'), [])
  })

  test('too much text beside a small file is reported as text, not as the file', async ({
    client,
    assert,
  }) => {
    const { admin } = await adminWorld()
    const response = await client
      .post('/admin/licence')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
      .header('referer', '/admin/licence')
      .field('content', 'x'.repeat(300 * 1024))
      .file('file', Buffer.from('{}'), {
        filename: 'licencia.json',
        contentType: 'application/json',
      })
    response.assertStatus(302)
    response.assertFlashMessage('errorsBag', {
      E_FIELDS_TOO_LARGE: 'El formulario envía demasiado texto. Acórtelo e inténtelo de nuevo.',
    })
    assert.notProperty(response.flashMessages(), 'inputErrorsBag')
    assert.lengthOf(await db.from('licences'), 0)
  })

  test('a licence file over 64 KB is refused with a translated message and not kept', async ({
    client,
    assert,
  }) => {
    const { admin } = await adminWorld()
    const marker = `cartera-${randomUUID()}`
    const before = await snapshot()
    const response = await client
      .post('/admin/licence')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
      .header('referer', '/admin/licence')
      .file('file', Buffer.from(marker.repeat(3000)), {
        filename: 'licencia.json',
        contentType: 'application/json',
      })
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      file: ['El archivo es demasiado grande (máximo 64 KB).'],
    })
    assert.lengthOf(await db.from('licences'), 0)
    assert.deepEqual(await leftovers(before, marker), [])
  })
})
