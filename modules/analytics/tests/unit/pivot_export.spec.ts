import { test } from '@japa/runner'
import { periodLabel, pivotCsv, pivotTable } from '../../pivot/export.js'
import { periodRange } from '../../pivot/drill.js'
import type { PivotGrid } from '../../dto/pivot.js'

const money = { name: 'v.amount', title: 'Importe', type: 'number', money: true }
const count = { name: 'v.count', title: 'Número', type: 'number', money: false }

/** Owner × stage rows, quarter columns: Rafa (Análisis, Oferta), Rita (Análisis). */
const GRID: PivotGrid = {
  measures: [money, count],
  rowMembers: [
    { name: 'v.owner', title: 'Comercial', type: 'string', money: false },
    { name: 'v.stage', title: 'Etapa', type: 'string', money: false },
  ],
  columnMembers: [
    {
      name: 'v.created_at.quarter',
      title: 'Alta',
      type: 'time',
      money: false,
      granularity: 'quarter',
    },
  ],
  rows: [
    { values: ['Rafa', 'Análisis'], level: 2 },
    { values: ['Rafa', 'Oferta'], level: 2 },
    { values: ['Rafa'], level: 1 },
    { values: ['Rita', null], level: 2 },
    { values: ['Rita'], level: 1 },
    { values: [], level: 0 },
  ],
  columns: [
    { values: ['2026-01-01T00:00:00.000'], level: 1 },
    { values: ['2026-04-01T00:00:00.000'], level: 1 },
    { values: [], level: 0 },
  ],
  cells: [
    [100050, 1, null, null, 100050, 1],
    [200000, 1, 300000, 2, 500000, 3],
    [300050, 2, 300000, 2, 600050, 4],
    [null, null, 50000, 1, 50000, 1],
    [null, null, 50000, 1, 50000, 1],
    [300050, 2, 350000, 3, 650050, 5],
  ],
  truncated: false,
}

const WORDS = { total: 'Total', empty: '(vacío)', quarter: 'T' }

test.group('Analytics · pivot export table', () => {
  test('labels, subtotal lines and money in major units', ({ assert }) => {
    const table = pivotTable(GRID, WORDS)
    assert.deepEqual(table.header, [
      'Comercial',
      'Etapa',
      '2026-T1 · Importe',
      '2026-T1 · Número',
      '2026-T2 · Importe',
      '2026-T2 · Número',
      'Total · Importe',
      'Total · Número',
    ])
    assert.deepEqual(
      table.lines.map((l) => [...l.labels, ...l.values, l.total]),
      [
        ['Rafa', 'Análisis', 1000.5, 1, null, null, 1000.5, 1, false],
        ['Rafa', 'Oferta', 2000, 1, 3000, 2, 5000, 3, false],
        ['Rafa', 'Total', 3000.5, 2, 3000, 2, 6000.5, 4, true],
        ['Rita', '(vacío)', null, null, 500, 1, 500, 1, false],
        ['Rita', 'Total', null, null, 500, 1, 500, 1, true],
        ['Total', '', 3000.5, 2, 3500, 3, 6500.5, 5, true],
      ]
    )
    assert.deepEqual(table.money, [true, false, true, false, true, false])
  })

  test('CSV: two decimals for money, a decimal comma in Spanish', async ({ assert }) => {
    let text = ''
    for await (const chunk of pivotCsv(pivotTable(GRID, WORDS), true)) text += chunk
    const lines = text.replace(/^\uFEFF/, '').split('\r\n')
    assert.equal(lines[1], 'Rafa;Análisis;1000,50;1;;;1000,50;1')
    assert.equal(lines[6], 'Total;;3000,50;2;3500,00;3;6500,50;5')
  })

  test('period labels and a period as a date range (drill-down)', ({ assert }) => {
    assert.equal(periodLabel('2026-11-01T00:00:00.000', 'quarter', 'Q'), '2026-Q4')
    assert.equal(periodLabel('2026-02-01T00:00:00.000', 'month'), '2026-02')
    assert.equal(periodLabel('2026-01-01T00:00:00.000', 'year'), '2026')
    assert.deepEqual(periodRange('2024-02-01T00:00:00.000', 'month'), ['2024-02-01', '2024-02-29'])
    assert.deepEqual(periodRange('2026-10-01T00:00:00.000', 'quarter'), [
      '2026-10-01',
      '2026-12-31',
    ])
    assert.deepEqual(periodRange('2026-03-30T00:00:00.000', 'week'), ['2026-03-30', '2026-04-05'])
    assert.deepEqual(periodRange('2026-12-31T00:00:00.000', 'day'), ['2026-12-31', '2026-12-31'])
    assert.deepEqual(periodRange('2026-01-01T00:00:00.000', 'year'), ['2026-01-01', '2026-12-31'])
  })
})
