import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { createOrganization } from '#tests/helpers/world'
import { nextNumber, saveSeries, UnknownSeriesError } from '#app/settings/number_series'
import { adminWorld, write } from '../admin/_helpers.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/*
 * Concurrency runs WITHOUT the global test transaction (inside it every query shares one
 * connection and nothing is concurrent). On MariaDB the pool's connections race for the
 * counter row's lock. On SQLite the app has one pooled connection (as in production): the
 * callers' transactions queue for it; other processes on the same file wait on its write lock
 * (busy_timeout). A second connection in this process cannot show that: better-sqlite3 waits
 * synchronously, blocking the event loop the lock holder needs to commit. Rows are removed
 * afterwards.
 */
test.group('Settings · number series under concurrency', (group) => {
  let organizationId = 0

  group.each.teardown(async () => {
    for (const table of ['number_series', 'audit_logs', 'timeline_events'])
      await db.from(table).where('organization_id', organizationId).delete()
    await db.from('organizations').where('id', organizationId).delete()
  })

  test('concurrent callers never get the same number', async ({ assert }) => {
    const org = await createOrganization()
    organizationId = org.id
    await saveSeries(org.id, {
      key: 'sales.invoices',
      name: 'Facturas',
      prefix: 'F{YYYY}-',
      padding: 5,
      nextNumber: 1,
      resetYearly: true,
    })
    const CALLS = 40
    const taken = await Promise.all(
      Array.from({ length: CALLS }, () =>
        db.transaction(async (trx: TransactionClientContract) => {
          const allocated = await nextNumber(org.id, 'sales.invoices', { trx })
          // Hold the transaction open a moment, as a document insert would.
          await sleep(2)
          return allocated
        })
      )
    )
    const numbers = taken.map((t) => t.number).sort((a, b) => a - b)
    assert.deepEqual(
      numbers,
      Array.from({ length: CALLS }, (_, i) => i + 1)
    )
    assert.lengthOf(new Set(taken.map((t) => t.formatted)), CALLS)
    const year = new Date().getUTCFullYear()
    assert.include(
      taken.map((t) => t.formatted),
      `F${year}-00040`
    )
  })

  test('a rolled-back caller gives its number back (no gaps)', async ({ assert }) => {
    const org = await createOrganization()
    organizationId = org.id
    await saveSeries(org.id, {
      key: 'sales.quotes',
      name: 'Presupuestos',
      prefix: 'P-',
      padding: 3,
      nextNumber: 1,
      resetYearly: false,
    })
    await db
      .transaction(async (trx) => {
        await nextNumber(org.id, 'sales.quotes', { trx })
        throw new Error('posting failed')
      })
      .catch(() => null)
    assert.equal((await nextNumber(org.id, 'sales.quotes')).formatted, 'P-001')
    await assert.rejects(() => nextNumber(org.id, 'sales.nothing'), UnknownSeriesError as any)
  })
})

test.group('Settings · number series', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a series resets on a new year; one without reset keeps counting', async ({ assert }) => {
    const org = await createOrganization()
    const base = { name: 'Serie', prefix: 'F{YY}/', padding: 4, nextNumber: 1 }
    await saveSeries(org.id, { ...base, key: 'a.yearly', resetYearly: true })
    await saveSeries(org.id, { ...base, key: 'a.running', resetYearly: false })
    const thisYear = new Date().getUTCFullYear()
    const at = (year: number) => new Date(Date.UTC(year, 5, 1))
    const take = async (key: string, year: number) =>
      (await nextNumber(org.id, key, { date: at(year) })).formatted
    const yy = (year: number) => String(year).slice(2)

    assert.equal(await take('a.yearly', thisYear), `F${yy(thisYear)}/0001`)
    assert.equal(await take('a.yearly', thisYear), `F${yy(thisYear)}/0002`)
    assert.equal(await take('a.yearly', thisYear + 1), `F${yy(thisYear + 1)}/0001`)
    assert.equal(await take('a.yearly', thisYear + 1), `F${yy(thisYear + 1)}/0002`)
    // A late document of the previous year does not reset the new year's counter.
    assert.equal(await take('a.yearly', thisYear), `F${yy(thisYear)}/0003`)
    assert.equal(await take('a.yearly', thisYear + 1), `F${yy(thisYear + 1)}/0004`)

    assert.equal(await take('a.running', thisYear), `F${yy(thisYear)}/0001`)
    assert.equal(await take('a.running', thisYear + 1), `F${yy(thisYear + 1)}/0002`)
  })

  test('saving the form never rewinds a counter that moved meanwhile', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    await write(client.post('/admin/settings/series'), admin, {
      key: 'sales.quotes',
      name: 'Presupuestos',
      prefix: 'P-',
      padding: 3,
      nextNumber: 10,
      resetYearly: false,
    })
    const open = async () => {
      const page = await client.get('/admin/settings/series').loginAs(admin).withInertia()
      return (page.inertiaProps.series as any[])[0]
    }
    const form = (row: any, changes: Record<string, unknown> = {}) => ({
      key: row.key,
      name: row.name,
      prefix: row.prefix,
      padding: row.padding,
      nextNumber: row.next,
      shownNext: row.next,
      resetYearly: row.resetYearly,
      ...changes,
    })
    const counter = async () =>
      Number((await db.from('number_series').where('organization_id', org.id).first()).next_number)

    // The form is opened (shows 10), two documents take 10 and 11, the name is saved.
    let row = await open()
    assert.equal(row.next, 10)
    await nextNumber(org.id, 'sales.quotes')
    await nextNumber(org.id, 'sales.quotes')
    let response = await write(
      client.put(`/admin/settings/series/${row.id}`),
      admin,
      form(row, { name: 'Ofertas' })
    )
    response.assertFlashMessage('success', 'Serie Ofertas guardada.')
    assert.equal(await counter(), 12, 'not rewound to 10')
    assert.equal((await nextNumber(org.id, 'sales.quotes')).formatted, 'P-012')

    // An explicit change applies.
    row = await open()
    assert.equal(row.next, 13)
    await write(
      client.put(`/admin/settings/series/${row.id}`),
      admin,
      form(row, { nextNumber: 50 })
    )
    assert.equal(await counter(), 50)

    // An explicit change over a counter that moved meanwhile is refused.
    row = await open()
    await nextNumber(org.id, 'sales.quotes')
    response = await write(
      client.put(`/admin/settings/series/${row.id}`),
      admin,
      form(row, { nextNumber: 40 })
    )
    response.assertFlashMessage('inputErrorsBag', {
      nextNumber: [
        'El contador de la serie ha avanzado mientras tanto (el siguiente número es ahora 51). ' +
          'Revise el número y vuelva a guardar.',
      ],
    })
    assert.equal(await counter(), 51)
  })

  test('the admin screen creates and edits series with a preview of the next number', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const empty = await client.get('/admin/settings/series').loginAs(admin).withInertia()
    assert.deepEqual(empty.inertiaProps.series, [])
    let response = await write(client.post('/admin/settings/series'), admin, {
      key: 'Sales.Invoices',
      name: 'Facturas',
      prefix: 'F{YYYY}-',
      padding: 5,
      nextNumber: 120,
      resetYearly: true,
    })
    response.assertHeader('location', '/admin/settings/series')
    response.assertFlashMessage('success', 'Serie Facturas creada.')
    response = await write(client.post('/admin/settings/series'), admin, {
      key: 'sales.invoices',
      name: 'Otra',
      prefix: '',
      padding: 4,
      nextNumber: 1,
      resetYearly: false,
    })
    response.assertFlashMessage('inputErrorsBag', {
      key: ['Ya hay una serie con la clave sales.invoices.'],
    })
    const year = new Date().getUTCFullYear()
    let page = await client.get('/admin/settings/series').loginAs(admin).withInertia()
    const [row] = page.inertiaProps.series as any[]
    assert.deepInclude(row, { key: 'sales.invoices', next: 120, preview: `F${year}-00120` })

    // The counter moved on since the form was opened: saving the name keeps it.
    await nextNumber(org.id, 'sales.invoices')
    await write(client.put(`/admin/settings/series/${row.id}`), admin, {
      key: 'ignored',
      name: 'Facturas emitidas',
      prefix: 'FE{YY}-',
      padding: 4,
      nextNumber: 121,
      resetYearly: true,
    })
    page = await client.get('/admin/settings/series').loginAs(admin).withInertia()
    const [edited] = page.inertiaProps.series as any[]
    assert.deepInclude(edited, {
      key: 'sales.invoices',
      name: 'Facturas emitidas',
      next: 121,
      preview: `FE${String(year).slice(2)}-0121`,
    })
    // Another organization's series is not found.
    const other = await adminWorld()
    const foreign = await write(client.put(`/admin/settings/series/${row.id}`), other.admin, {
      key: 'x.y',
      name: 'Hack',
      padding: 4,
      nextNumber: 1,
      resetYearly: false,
    })
    foreign.assertStatus(404)
  })
})
