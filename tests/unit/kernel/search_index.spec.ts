import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DatabaseSearchIndex } from '#app/search/database_index'
import { isSqlite } from '#app/support/db'
import { ftsMatch, ftsStatement, searchTags } from '#app/search/fts'
import { rankHits, searchTerms, searchText, words } from '#app/search/text'
import type { SearchDocument } from '#app/search/search_index'
import { createOrganization } from '#tests/helpers/world'
import type Organization from '#models/organization'

test.group('Search index: scope tokens, MATCH form and ranking', () => {
  test('organization and resource are one token, the owner another, both apart from words', ({
    assert,
  }) => {
    assert.equal(searchTags(12, 'acme.widgets', 7), '_r12acmewidgets _u7')
    assert.equal(searchTags(1, 'acme.price_lists', null), '_r1acmepricelists _u0')
    const terms = searchTerms('B-1234 Ferret')
    assert.equal(
      ftsMatch(terms, 1, 'acme.widgets', [7, 9]),
      '_r1acmewidgets AND (_u7 OR _u9) AND (("b"* AND "1234"* AND "ferret"*) OR "b1234ferret"*)'
    )
    assert.equal(
      ftsMatch(searchTerms('garcía'), 3, 'acme.people', 'all'),
      '_r3acmepeople AND ("garcia"*)'
    )
  })

  test('ranks title matches first, then shorter texts, then the newest', ({ assert }) => {
    const terms = searchTerms('garcia ana')
    const ranked = rankHits(terms, [
      { id: 1, title: 'Luis Pérez', size: 20 },
      { id: 2, title: 'Ana Gómez', size: 90 },
      { id: 3, title: 'Ana García López', size: 80 },
      { id: 4, title: 'Ana Díaz', size: 30 },
      { id: 5, title: 'ANA GARCÍA', size: 80 },
    ])
    assert.deepEqual(
      ranked.map((r) => r.id),
      [5, 3, 4, 2, 1]
    )
  })
})

test.group('Search index: folded words', () => {
  test('plain ASCII and accented text split and fold the same way', ({ assert }) => {
    assert.deepEqual(words('ACME_Iberia-2000, S.L. (info@acme.es) +34 912'), [
      'acme',
      'iberia',
      '2000',
      's',
      'l',
      'info',
      'acme',
      'es',
      '34',
      '912',
    ])
    assert.deepEqual(words('Ferretería López, S.L.'), ['ferreteria', 'lopez', 's', 'l'])
    assert.deepEqual(words('Ñandú 3º'), ['nandu', '3º'])
    assert.equal(searchText('Café Olé', null, 'B-12.345.678'), 'cafe ole b 12 345 678')
    assert.deepEqual(words(' \t--- '), [])
  })
})

/*
 * The database index itself, on the test database (SQLite FTS5 after migration 0040, or
 * MariaDB FULLTEXT). Writes commit (FULLTEXT sees committed rows only) and are removed after.
 */
test.group('Search index: queries on the database', (group) => {
  const index = new DatabaseSearchIndex()
  let one: Organization
  let two: Organization
  const doc = (recordId: number, ownerId: number | null, title: string, text: string) =>
    ({ recordId, ownerId, title, subtitle: null, text }) satisfies SearchDocument
  const find = async (org: Organization, q: string, owners: 'all' | number[] = 'all') =>
    (
      await index.query(
        { organizationId: org.id, resource: 'acme.widgets', q, owners, limit: 5 },
        db.connection()
      )
    ).map((h) => h.title)

  group.setup(async () => {
    one = await createOrganization()
    two = await createOrganization()
    const write = (org: Organization, documents: SearchDocument[]) =>
      index.replace(
        {
          organizationId: org.id,
          resource: 'acme.widgets',
          recordIds: documents.map((d) => d.recordId),
          documents,
        },
        db.connection()
      )
    await write(one, [
      doc(1, 7, 'Bodegas Ribera', 'B12345678 12345678 info@bodegas-ribera.es'),
      doc(2, 9, 'Bodegas Ribera Norte', 'B87654321 87654321'),
      doc(3, null, 'Talleres Ribera', 'Polígono Sur bodegas'),
      doc(4, 7, 'Ultramarinos u7', 'Calle Mayor'),
    ])
    await write(two, [doc(1, 7, 'Bodegas de Otra Organización', 'B11111111')])
    return async () => {
      await db.from('search_documents').whereIn('organization_id', [one.id, two.id]).delete()
      await db.from('organizations').whereIn('id', [one.id, two.id]).delete()
    }
  })

  test('scope own, several owners and all, inside the organization', async ({ assert }) => {
    assert.sameMembers(await find(one, 'bodegas', [7]), ['Bodegas Ribera'])
    assert.sameMembers(await find(one, 'bodegas', [7, 9]), [
      'Bodegas Ribera',
      'Bodegas Ribera Norte',
    ])
    assert.deepEqual(await find(one, 'bodegas', [8]), [])
    const all = await find(one, 'bodegas')
    if (isSqlite(db.connection()))
      assert.deepEqual(
        all,
        ['Bodegas Ribera Norte', 'Bodegas Ribera', 'Talleres Ribera'],
        'all: title matches first, then the shorter text; organization one only'
      )
    else assert.sameMembers(all, ['Bodegas Ribera', 'Bodegas Ribera Norte', 'Talleres Ribera'])
    assert.deepEqual(await find(two, 'bodegas', [7]), ['Bodegas de Otra Organización'])
  })

  test('every word a word prefix, one letter included; identifiers compact; typos', async ({
    assert,
  }) => {
    assert.deepEqual(await find(one, 'ribe nort'), ['Bodegas Ribera Norte'])
    assert.deepEqual(await find(one, 'riber sur'), ['Talleres Ribera'])
    assert.deepEqual(await find(one, 'B-12.345.678'), ['Bodegas Ribera'])
    assert.deepEqual(await find(one, '87654321'), ['Bodegas Ribera Norte'])
    assert.deepEqual(await find(one, 'talleras'), ['Talleres Ribera'], 'typo fallback')
    assert.deepEqual(await find(one, 'odegas'), [], 'not inside a word')
  })

  test('SQLite drives the statement from the FTS matches, not from the scope index', async ({
    assert,
  }) => {
    const client = db.connection()
    if (!isSqlite(client)) return
    const plan = (owners: 'all' | number[]) =>
      client
        .rawQuery(`EXPLAIN QUERY PLAN ${ftsStatement(owners)}`, [
          'x',
          1,
          'acme.widgets',
          ...(owners === 'all' ? [] : owners),
        ])
        .then((rows: { detail: string }[]) => rows.map((r) => r.detail).join(' | '))
    for (const owners of ['all', [7]] as const) {
      const detail = await plan(owners === 'all' ? 'all' : [...owners])
      assert.include(detail, 'SEARCH d USING INTEGER PRIMARY KEY', detail)
      assert.notInclude(detail, 'search_doc_', detail)
    }
  })

  test('a word never matches a scope token', async ({ assert }) => {
    // Were the tags matched as words, "u7" would find every record of owner 7 and
    // "r<org>acmewidgets" the whole resource.
    assert.deepEqual(await find(one, 'u7'), ['Ultramarinos u7'])
    assert.deepEqual(await find(one, `_r${one.id}acmewidgets`), [])
    assert.deepEqual(await find(one, `r${one.id}acmewidgets`), [])
    assert.deepEqual(await find(one, '_u9'), [])
  })
})
