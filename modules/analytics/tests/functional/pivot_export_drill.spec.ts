import { test } from '@japa/runner'
import { ApiRequest } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import ExcelJS from 'exceljs'
import { XLSX_CONTENT_TYPE } from '#app/support/xlsx'
import type User from '#models/user'
import { cubeEngine, resetCubeEngine } from '../../engine/engine.js'
import { analyticsWorld } from '../world.js'
import type { PivotState } from '../../dto/pivot.js'

/** Amount and count by owner (rows) and creation month (columns), Q1 2026 (world.ts). */
const BY_OWNER_AND_MONTH: PivotState = {
  view: 'crm_pipeline',
  measures: ['crm_pipeline.amount_minor', 'crm_pipeline.count'],
  rows: ['crm_pipeline.owner_name'],
  columns: [],
  time: {
    dimension: 'crm_pipeline.created_at',
    granularity: 'month',
    axis: 'columns',
    dateRange: ['2026-01-01', '2026-03-31'],
  },
  filters: [],
  chart: 'table',
}

const JAN = '2026-01-01T00:00:00.000'
const FEB = '2026-02-01T00:00:00.000'
const MAR = '2026-03-01T00:00:00.000'

const collect = (res: any, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => done(null, Buffer.concat(chunks)))
}

async function xlsxCells(body: Buffer) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(body as any)
  const sheet = workbook.worksheets[0]
  const rows: unknown[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return { rows, sheet }
}

test.group('Analytics · pivot grid, export and drill-down', (group) => {
  group.setup(async () => {
    await cubeEngine()
    ApiRequest.addParser(XLSX_CONTENT_TYPE, collect)
    return () => ApiRequest.removeParser(XLSX_CONTENT_TYPE)
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetCubeEngine())

  const post = (client: any, user: User, url: string, body: unknown) =>
    client.post(url).header('accept', 'application/json').json(body).loginAs(user).withCsrfToken()

  test('the grid has row and column totals that match the seeded figures', async ({
    client,
    assert,
  }) => {
    const { users } = await analyticsWorld()
    const response = await post(client, users.admin, '/analytics/pivot/data', {
      state: BY_OWNER_AND_MONTH,
    })
    response.assertStatus(200)
    const grid = response.body()
    assert.deepEqual(
      grid.columns.map((c: any) => c.values),
      [[JAN], [FEB], [MAR], []]
    )
    assert.equal(grid.columnMembers[0].granularity, 'month')
    assert.isTrue(grid.measures[0].money)
    const byOwner = Object.fromEntries(
      grid.rows.map((r: any, i: number) => [r.values[0] ?? 'TOTAL', grid.cells[i]])
    )
    // [Jan amount, Jan count, Feb …, Mar …, total amount, total count], cents.
    assert.deepEqual(byOwner['Óscar Externo'], [null, null, null, null, 700000, 1, 700000, 1])
    assert.deepEqual(byOwner['Rafa Comercial'], [300000, 2, 400000, 1, null, null, 700000, 3])
    assert.deepEqual(byOwner['Rita Comercial'], [null, null, 350000, 2, null, null, 350000, 2])
    assert.deepEqual(byOwner['TOTAL'], [300000, 2, 750000, 3, 700000, 1, 1750000, 6])
    assert.deepEqual(
      grid.rows.map((r: any) => r.values[0] ?? 'TOTAL'),
      ['Óscar Externo', 'Rafa Comercial', 'Rita Comercial', 'TOTAL']
    )
  })

  test('a win rate total is recomputed by the model, not summed', async ({ client, assert }) => {
    const { users } = await analyticsWorld()
    const response = await post(client, users.admin, '/analytics/pivot/data', {
      state: {
        ...BY_OWNER_AND_MONTH,
        measures: ['crm_pipeline.win_rate'],
        time: null,
      },
    })
    response.assertStatus(200)
    const grid = response.body()
    const byOwner = Object.fromEntries(
      grid.rows.map((r: any, i: number) => [r.values[0] ?? 'TOTAL', grid.cells[i][0]])
    )
    // Rafa 1 won / 1 closed; Rita 0 / 1; all: 1 won / 2 closed.
    assert.equal(byOwner['Rafa Comercial'], 1)
    assert.equal(byOwner['Rita Comercial'], 0)
    assert.equal(byOwner['TOTAL'], 0.5)
  })

  test('XLSX export: numbers, money in euros, totals; a rep exports only own figures', async ({
    client,
    assert,
  }) => {
    const { users } = await analyticsWorld()
    const response = await post(client, users.admin, '/analytics/pivot/export', {
      state: BY_OWNER_AND_MONTH,
      format: 'xlsx',
      title: 'Cartera por mes',
    }).header('accept-language', 'es')
    response.assertStatus(200)
    assert.equal(response.header('content-type'), XLSX_CONTENT_TYPE)
    assert.match(
      response.header('content-disposition') ?? '',
      /filename="tabla-dinamica-\d{4}-\d\d-\d\d\.xlsx"/
    )
    const { rows, sheet } = await xlsxCells(response.body() as Buffer)
    assert.equal(sheet.name, 'Cartera por mes')
    assert.deepEqual(rows[0].slice(1), [
      '2026-01 · Importe',
      '2026-01 · Oportunidades',
      '2026-02 · Importe',
      '2026-02 · Oportunidades',
      '2026-03 · Importe',
      '2026-03 · Oportunidades',
      'Total · Importe',
      'Total · Oportunidades',
    ])
    const [, oscar, rafa, rita, total] = rows
    assert.deepEqual(oscar, [
      'Óscar Externo',
      undefined,
      undefined,
      undefined,
      undefined,
      7000,
      1,
      7000,
      1,
    ])
    assert.deepEqual(rafa, ['Rafa Comercial', 3000, 2, 4000, 1, undefined, undefined, 7000, 3])
    assert.deepEqual(rita, [
      'Rita Comercial',
      undefined,
      undefined,
      3500,
      2,
      undefined,
      undefined,
      3500,
      2,
    ])
    assert.deepEqual(total, ['Total', 3000, 2, 7500, 3, 7000, 1, 17500, 6])
    assert.equal(sheet.getColumn(2).numFmt, '#,##0.00')

    const own = await post(client, users.rep, '/analytics/pivot/export', {
      state: BY_OWNER_AND_MONTH,
      format: 'xlsx',
    })
    own.assertStatus(200)
    const mine = await xlsxCells(own.body() as Buffer)
    assert.deepEqual(mine.rows.slice(1), [
      ['Rafa Comercial', 3000, 2, 4000, 1, 7000, 3],
      ['Total', 3000, 2, 4000, 1, 7000, 3],
    ])
  })

  test('CSV export: the same table, semicolons and decimal commas in Spanish', async ({
    client,
    assert,
  }) => {
    const { users } = await analyticsWorld()
    const response = await post(client, users.rep, '/analytics/pivot/export', {
      state: { ...BY_OWNER_AND_MONTH, measures: ['crm_pipeline.amount_minor'] },
      format: 'csv',
    })
    response.assertStatus(200)
    assert.match(response.header('content-disposition') ?? '', /tabla-dinamica-.*\.csv/)
    assert.deepEqual(
      response
        .text()
        .replace(/^\uFEFF/, '')
        .split('\r\n'),
      [
        'Responsable;2026-01;2026-02;Total',
        'Rafa Comercial;3000,00;4000,00;7000,00',
        'Total;3000,00;4000,00;7000,00',
        '',
      ]
    )
  })

  test('drill-down lists the records behind a cell, with links, in scope', async ({
    client,
    assert,
  }) => {
    const { users } = await analyticsWorld()
    const rita = await post(client, users.admin, '/analytics/pivot/drill', {
      state: BY_OWNER_AND_MONTH,
      rowValues: ['Rita Comercial'],
      columnValues: [FEB],
    })
    rita.assertStatus(200)
    const body = rita.body()
    const names = body.columns.map((c: any) => c.name)
    assert.deepEqual(names.slice(0, 2), ['crm_pipeline.id', 'crm_pipeline.name'])
    const amount = names.indexOf('crm_pipeline.amount_minor')
    assert.deepEqual(body.rows.map((r: any) => [r.values[1], Number(r.values[amount])]).sort(), [
      ['Opp Rita Comercial 3000', 300000],
      ['Opp Rita Comercial 500', 50000],
    ])
    for (const row of body.rows) assert.equal(row.path, `/crm/opportunities/${row.values[0]}`)

    // The grand total for a rep: only the rep's own three records.
    const own = await post(client, users.rep, '/analytics/pivot/drill', {
      state: BY_OWNER_AND_MONTH,
      rowValues: [],
      columnValues: [],
    })
    own.assertStatus(200)
    assert.deepEqual(
      own
        .body()
        .rows.map((r: any) => r.values[1])
        .sort(),
      ['Opp Rafa Comercial 1000', 'Opp Rafa Comercial 2000', 'Opp Rafa Comercial 4000']
    )
    // Another rep's cell: nothing.
    const other = await post(client, users.rep, '/analytics/pivot/drill', {
      state: BY_OWNER_AND_MONTH,
      rowValues: ['Rita Comercial'],
      columnValues: [],
    })
    assert.lengthOf(other.body().rows, 0)
  })

  test('members outside the view answer 400 with a translated error', async ({
    client,
    assert,
  }) => {
    const { users } = await analyticsWorld()
    const response = await post(client, users.rep, '/analytics/pivot/data', {
      state: { ...BY_OWNER_AND_MONTH, measures: ['crm_leads_overview.count'] },
    }).header('accept-language', 'es')
    response.assertStatus(400)
    assert.include(response.body().error, 'crm_leads_overview.count')
  })
})
