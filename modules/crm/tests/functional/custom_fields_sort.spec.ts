import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { saveField } from '#app/custom_fields/admin'
import { customFields } from '#app/custom_fields/definitions'
import { saveManyCustomValues } from '#app/custom_fields/values'
import { customSortPage, customSortOf } from '#app/custom_fields/sort'
import type { FieldValues } from '#app/custom_fields/types'
import { adminWorld } from '#tests/functional/admin/_helpers'
import { createUser } from '#tests/helpers/world'
import { crmUser, insertCompany, insertContact } from '../helpers.js'

/*
 * Lists sorted by a custom field (app/custom_fields/sort.ts): every sortable type, both ways,
 * paged forwards and back with records lacking a value (last ascending, first descending).
 */

const base = { required: false, showInList: true, active: true }
const COMPANIES = 'crm.companies'

async function world() {
  const { org, admin } = await adminWorld(['crm'])
  const actor = { organizationId: org.id, actorId: admin.id }
  for (const [label, type] of [
    ['Código', 'text'],
    ['Empleados', 'number'],
    ['Facturación', 'money'],
    ['Renovación', 'date'],
    ['VIP', 'boolean'],
    ['Gestor', 'user'],
  ] as const)
    await saveField(actor, COMPANIES, { ...base, label, type })
  // The administrator's order is not the alphabetical one: the sort follows it.
  await saveField(actor, COMPANIES, {
    ...base,
    label: 'Nivel',
    type: 'list',
    choices: [
      { label: 'Oro', active: true },
      { label: 'Plata', active: true },
      { label: 'Bronce', active: true },
    ],
  })
  const zoe = await createUser(org, {}, { fullName: 'Zoe Zamora' })
  const bea = await createUser(org, {}, { fullName: 'Bea Blanco' })
  const fields = await customFields(org.id, COMPANIES)
  const nivel = fields.find((f) => f.key === 'nivel')!.options.choices!.map((c) => c.code)
  // Ties, negatives, decimals and gaps on purpose; `undefined` leaves the value empty.
  const data: FieldValues[] = [
    { codigo: 'delta', empleados: '10', facturacion: '12.5', renovacion: '2026-03-01', vip: true },
    { codigo: 'alfa', empleados: '-3', facturacion: '1000', vip: false, gestor: zoe.id },
    { empleados: '10', renovacion: '2025-12-31', nivel: nivel[2], gestor: bea.id },
    { codigo: 'charlie', empleados: '2.5', facturacion: '3', vip: true, nivel: nivel[0] },
    { codigo: 'alfa', renovacion: '2026-03-01', nivel: nivel[1], gestor: admin.id },
    {},
    { codigo: 'bravo', empleados: '1000', facturacion: '12.50', vip: false, nivel: nivel[0] },
    { renovacion: '2024-01-15', gestor: zoe.id },
    { codigo: 'echo', empleados: '0', facturacion: '-7.25', nivel: nivel[2] },
    {},
    { codigo: 'alfa', facturacion: '12.5', vip: true, gestor: bea.id },
  ]
  const ids: number[] = []
  const values = new Map<number, FieldValues>()
  for (const [i, v] of data.entries()) {
    const id = await insertCompany(org, { name: `Empresa ${String(i).padStart(2, '0')}` })
    ids.push(id)
    values.set(id, v)
  }
  await db.transaction((trx) =>
    saveManyCustomValues(trx, {
      organizationId: org.id,
      resource: COMPANIES,
      values,
      fresh: true,
    })
  )
  const user = await crmUser(org, 'all')
  const names = new Map([
    [zoe.id, zoe.fullName],
    [bea.id, bea.fullName],
    [admin.id, admin.fullName],
  ])
  return { org, admin, user, ids, values, nivel, names }
}

type World = Awaited<ReturnType<typeof world>>

/** The order the list must show: by value (then id), empty ones last; reversed descending. */
function expected(w: World, key: string, direction: 'asc' | 'desc') {
  const rank = (v: any): string | number => {
    if (key === 'nivel') return w.nivel.indexOf(v)
    if (key === 'gestor') return w.names.get(v)!
    if (key === 'vip') return v ? 1 : 0
    if (['empleados', 'facturacion'].includes(key)) return Number(v)
    return v
  }
  const withValue = w.ids.filter((id) => w.values.get(id)![key] !== undefined)
  const empty = w.ids.filter((id) => w.values.get(id)![key] === undefined)
  withValue.sort((a, b) => {
    const [x, y] = [rank(w.values.get(a)![key]), rank(w.values.get(b)![key])]
    return x < y ? -1 : x > y ? 1 : a - b
  })
  const order = [...withValue, ...empty]
  return direction === 'asc' ? order : order.reverse()
}

/** Walks every page forwards, then back from the last one: both must give the same order. */
async function walk(w: World, sort: string, limit: number) {
  const build = async () => ({
    query: db
      .from('crm_companies as c')
      .where('c.organization_id', w.org.id)
      .whereNull('c.deleted_at')
      .select('c.id'),
  })
  const read = (page: { cursor?: string | null; before?: string | null }) =>
    customSortPage(build, {
      organizationId: w.org.id,
      resource: COMPANIES,
      idColumn: 'c.id',
      sort: customSortOf(sort)!,
      limit,
      ...page,
    })
  const pages: number[][] = []
  let page = await read({})
  pages.push(page.rows.map((r) => Number(r.id)))
  while (page.next) {
    page = await read({ cursor: page.next })
    pages.push(page.rows.map((r) => Number(r.id)))
  }
  const back: number[][] = [pages[pages.length - 1]]
  let offsets = [page.offset]
  while (page.prev) {
    page = await read({ before: page.prev })
    back.unshift(page.rows.map((r) => Number(r.id)))
    offsets.unshift(page.offset)
  }
  return { forwards: pages, backwards: back, offsets }
}

test.group('Custom fields · lists sorted by a custom field', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every sortable type, both ways, pages forwards and back without gaps or repeats', async ({
    assert,
  }) => {
    const w = await world()
    for (const key of [
      'codigo',
      'empleados',
      'facturacion',
      'renovacion',
      'vip',
      'nivel',
      'gestor',
    ])
      for (const direction of ['asc', 'desc'] as const) {
        const sort = `${direction === 'asc' ? '' : '-'}cf_${key}`
        const want = expected(w, key, direction)
        const { forwards, backwards, offsets } = await walk(w, sort, 3)
        assert.isAtLeast(forwards.length, 3, sort)
        assert.deepEqual(forwards.flat(), want, `${sort} forwards`)
        assert.deepEqual(backwards, forwards, `${sort} backwards, page by page`)
        assert.deepEqual(
          offsets,
          forwards.map((_, i) => i * 3),
          `${sort} positions`
        )
      }
  })
})

/** The statements (with bindings) that `work` sends joining the values table. */
async function captured(work: () => Promise<unknown>) {
  const knex = db.connection().getWriteClient()
  const seen: { sql: string; bindings: any[] }[] = []
  const listener = (q: { sql: string; bindings: any[] }) => {
    if (/join [`"]?custom_field_values/i.test(q.sql))
      seen.push({ sql: q.sql, bindings: q.bindings })
  }
  knex.on('query', listener)
  try {
    await work()
  } finally {
    knex.off('query', listener)
  }
  return seen
}

test.group('Custom fields · a custom-field sort reads the index in order', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the values are read along (field, value, record), with no sort step', async ({
    assert,
  }) => {
    const w = await world()
    const dialect = db.connection().dialect.name
    const sqlite = dialect === 'better-sqlite3' || dialect === 'sqlite3'
    const cases: [string, string][] = [
      ['cf_empleados', 'cfv_field_number'],
      ['-cf_renovacion', 'cfv_field_date'],
      ['cf_codigo', 'cfv_field_text'],
      ['-cf_nivel', 'cfv_field_text'],
    ]
    for (const [sort, index] of cases) {
      // Every page's statements, the cursor's seek included.
      const statements = await captured(() => walk(w, sort, 2))
      assert.isAbove(statements.length, 2, sort)
      for (const { sql, bindings } of statements) {
        if (sqlite) {
          const plan = await db.rawQuery(`EXPLAIN QUERY PLAN ${sql}`, bindings)
          const detail = plan.map((r: any) => r.detail).join('; ')
          assert.match(
            detail,
            new RegExp(`SEARCH cfs USING (COVERING )?INDEX ${index} \\(field_id=\\?`),
            `${sort}: ${detail}`
          )
          assert.notMatch(detail, /TEMP B-TREE/, `${sort}: ${detail}`)
        } else {
          const [rows] = await db.rawQuery(`EXPLAIN ${sql}`, bindings)
          const used = (rows as any[])
            .map((r) => `${r.table}:${r.type}:${r.key}:${r.Extra}`)
            .join('; ')
          const first = (rows as any[])[0]
          assert.equal(first.table, 'cfs', used)
          assert.equal(first.key, index, used)
          assert.notMatch(used, /filesort|temporary/i, used)
        }
      }
    }
  })
})

/** 70 companies, half of them the `own` user's; employees on two in three, VIP on every other. */
async function listWorld() {
  const { org, admin } = await adminWorld(['crm'])
  const actor = { organizationId: org.id, actorId: admin.id }
  await saveField(actor, COMPANIES, { ...base, label: 'Empleados', type: 'number' })
  await saveField(actor, COMPANIES, { ...base, label: 'VIP', type: 'boolean' })
  await saveField(actor, COMPANIES, { ...base, showInList: false, label: 'Oculto', type: 'text' })
  const own = await crmUser(org, 'own')
  const all = await crmUser(org, 'all')
  const rows: { id: number; name: string; mine: boolean; empleados?: number; vip: boolean }[] = []
  const values = new Map<number, FieldValues>()
  for (let i = 0; i < 70; i++) {
    const name = `Empresa ${String(i).padStart(2, '0')}`
    const mine = i % 2 === 0
    const id = await insertCompany(org, { name, owner_id: mine ? own.id : all.id })
    // Few distinct values, so ties cross page boundaries.
    const empleados = i % 3 === 0 ? undefined : (i * 7) % 11
    const vip = i % 4 < 2
    rows.push({ id, name, mine, empleados, vip })
    values.set(id, { ...(empleados === undefined ? {} : { empleados: String(empleados) }), vip })
  }
  await db.transaction((trx) =>
    saveManyCustomValues(trx, { organizationId: org.id, resource: COMPANIES, values, fresh: true })
  )
  const order = (list: typeof rows, direction: 'asc' | 'desc') => {
    const sorted = [...list].sort((a, b) => {
      const [x, y] = [a.empleados ?? Infinity, b.empleados ?? Infinity]
      return x !== y ? x - y : a.id - b.id
    })
    return (direction === 'asc' ? sorted : sorted.reverse()).map((r) => r.name)
  }
  return { org, own, all, rows, order }
}

test.group('Custom fields · lists and exports sorted by a custom field', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an `own` user pages their own records in the field order, filters applying', async ({
    client,
    assert,
  }) => {
    const w = await listWorld()
    const get = (qs: string) => client.get(`/crm/companies?${qs}`).loginAs(w.own).withInertia()
    const names = (page: any) => (page.inertiaProps.companies as any[]).map((c) => c.name)
    for (const [qs, direction, keep] of [
      ['sort=-cf_empleados', 'desc', () => true],
      ['sort=cf_empleados&cf_vip=yes', 'asc', (r: any) => r.vip],
      ['sort=-cf_empleados&cf_vip=no&q=Empresa', 'desc', (r: any) => !r.vip],
    ] as const) {
      const want = w.order(
        w.rows.filter((r) => r.mine && keep(r)),
        direction
      )
      const pages: string[][] = []
      let page = await get(qs)
      page.assertStatus(200)
      assert.equal((page.inertiaProps.filters as any).sort, qs.split('&')[0].slice(5))
      pages.push(names(page))
      while ((page.inertiaProps as any).next) {
        page = await get(`${qs}&cursor=${(page.inertiaProps as any).next}`)
        pages.push(names(page))
      }
      assert.deepEqual(pages.flat(), want, qs)
      // And back from the last page.
      const back = [pages[pages.length - 1]]
      while ((page.inertiaProps as any).prev) {
        page = await get(`${qs}&before=${(page.inertiaProps as any).prev}`)
        back.unshift(names(page))
      }
      assert.deepEqual(back, pages, `${qs} backwards`)
    }
    // The first query has 35 own companies: two pages of 25.
    const first = await get('sort=-cf_empleados')
    assert.lengthOf(first.inertiaProps.companies as any[], 25)
    assert.deepEqual(
      (first.inertiaProps.customColumns as any[]).map((c) => [c.key, c.sortable]),
      [
        ['empleados', true],
        ['vip', true],
      ]
    )
  })

  test('a sort by a field the list does not show falls back to the name', async ({
    client,
    assert,
  }) => {
    const w = await listWorld()
    for (const sort of ['cf_oculto', '-cf_nada', 'cf_BAD!']) {
      const page = await client.get(`/crm/companies?sort=${sort}`).loginAs(w.all).withInertia()
      page.assertStatus(200)
      assert.equal((page.inertiaProps.filters as any).sort, 'name', sort)
      assert.equal((page.inertiaProps.companies as any[])[0].name, 'Empresa 00', sort)
    }
  })

  test('the export is in the list order, with the same filters and scope', async ({
    client,
    assert,
  }) => {
    const w = await listWorld()
    const exported = async (qs: string) => {
      const csv = await client.get(`/crm/companies/export?${qs}`).loginAs(w.own)
      csv.assertStatus(200)
      return csv
        .text()
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((l) => l.split(/[;,]/)[0].replace(/"/g, ''))
    }
    assert.deepEqual(
      await exported('sort=-cf_empleados'),
      w.order(
        w.rows.filter((r) => r.mine),
        'desc'
      )
    )
    assert.deepEqual(
      await exported('sort=cf_empleados&cf_vip=yes'),
      w.order(
        w.rows.filter((r) => r.mine && r.vip),
        'asc'
      )
    )
  })

  test('the contacts list sorts by a contact field too', async ({ client, assert }) => {
    const { org, admin } = await adminWorld(['crm'])
    const actor = { organizationId: org.id, actorId: admin.id }
    await saveField(actor, 'crm.contacts', { ...base, label: 'Cumpleaños', type: 'date' })
    const user = await crmUser(org, 'all')
    const values = new Map<number, FieldValues>()
    const dates = ['2026-05-01', undefined, '1990-02-03', '2001-12-24']
    const ids: number[] = []
    for (const [i, d] of dates.entries()) {
      const id = await insertContact(org, { first_name: `P${i}`, last_name: 'Prueba' })
      ids.push(id)
      values.set(id, d ? { cumpleanos: d } : {})
    }
    await db.transaction((trx) =>
      saveManyCustomValues(trx, { organizationId: org.id, resource: 'crm.contacts', values })
    )
    const page = await client.get('/crm/contacts?sort=-cf_cumpleanos').loginAs(user).withInertia()
    assert.deepEqual(
      (page.inertiaProps.contacts as any[]).map((c) => c.id),
      [ids[1], ids[0], ids[3], ids[2]]
    )
    const csv = await client.get('/crm/contacts/export?sort=cf_cumpleanos').loginAs(user)
    assert.deepEqual(
      csv
        .text()
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((l) => l.split(/[;,]/)[0].replace(/"/g, '')),
      ['P2', 'P3', 'P0', 'P1']
    )
  })
})
