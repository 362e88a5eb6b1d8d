import { test } from '@japa/runner'
import { axisEntries, buildGrid, compareValues, type FlatRow } from '../../pivot/grid.js'
import { levelQuery } from '../../pivot/state.js'
import type { PivotState } from '../../dto/pivot.js'

const O = 'v.owner'
const S = 'v.stage'
const M = 'v.created_at.month'
const A = 'v.amount'
const R = 'v.rate'

/**
 * Rafa: Análisis Jan 10 (rate 0.5), Oferta Jan 30 + Feb 40. Rita: Análisis Feb 5.
 * Each grouping's rows as Cube would answer them; the rate at a total is NOT the sum
 * (the model recomputes it), which the grid must take as is.
 */
const LEVELS: Record<string, FlatRow[]> = {
  '2:1': [
    { [O]: 'Rafa', [S]: 'Análisis', [M]: '2026-01', [A]: '10', [R]: '0.5' },
    { [O]: 'Rafa', [S]: 'Oferta', [M]: '2026-01', [A]: '30', [R]: null },
    { [O]: 'Rafa', [S]: 'Oferta', [M]: '2026-02', [A]: '40', [R]: '1' },
    { [O]: 'Rita', [S]: 'Análisis', [M]: '2026-02', [A]: '5', [R]: '0' },
  ],
  '2:0': [
    { [O]: 'Rafa', [S]: 'Análisis', [A]: '10', [R]: '0.5' },
    { [O]: 'Rafa', [S]: 'Oferta', [A]: '70', [R]: '1' },
    { [O]: 'Rita', [S]: 'Análisis', [A]: '5', [R]: '0' },
  ],
  '1:1': [
    { [O]: 'Rafa', [M]: '2026-01', [A]: '40', [R]: '0.5' },
    { [O]: 'Rafa', [M]: '2026-02', [A]: '40', [R]: '1' },
    { [O]: 'Rita', [M]: '2026-02', [A]: '5', [R]: '0' },
  ],
  '1:0': [
    { [O]: 'Rafa', [A]: '80', [R]: '0.67' },
    { [O]: 'Rita', [A]: '5', [R]: '0' },
  ],
  '0:1': [
    { [M]: '2026-01', [A]: '40', [R]: '0.5' },
    { [M]: '2026-02', [A]: '45', [R]: '0.5' },
  ],
  '0:0': [{ [A]: '85', [R]: '0.4' }],
}

test.group('Analytics · pivot grid (totals and subtotals)', () => {
  test('axis entries: leaves, a subtotal after each group, the grand total last', ({ assert }) => {
    const entries = axisEntries(
      [
        ['Rita', 'Análisis'],
        ['Rafa', 'Oferta'],
        ['Rafa', 'Análisis'],
        ['Rafa', 'Oferta'],
      ],
      2
    )
    assert.deepEqual(entries, [
      { values: ['Rafa', 'Análisis'], level: 2 },
      { values: ['Rafa', 'Oferta'], level: 2 },
      { values: ['Rafa'], level: 1 },
      { values: ['Rita', 'Análisis'], level: 2 },
      { values: ['Rita'], level: 1 },
      { values: [], level: 0 },
    ])
    assert.deepEqual(axisEntries([], 0), [{ values: [], level: 0 }])
  })

  test('values sort numbers numerically, text as text, empty last', ({ assert }) => {
    const values = ['10', null, '9', 'b', 'a']
    assert.deepEqual(values.sort(compareValues), ['9', '10', 'a', 'b', null])
  })

  test('cells come from the grouping of their row and column (totals are not sums)', ({
    assert,
  }) => {
    const grid = buildGrid({
      rowMembers: [O, S],
      columnMembers: [M],
      measures: [A, R],
      level: (i, j) => LEVELS[`${i}:${j}`],
    })
    assert.deepEqual(
      grid.columns.map((c) => c.values),
      [['2026-01'], ['2026-02'], []]
    )
    const byRow = Object.fromEntries(
      grid.rows.map((r, i) => [r.values.join('/') || 'TOTAL', grid.cells[i]])
    )
    // [Jan amount, Jan rate, Feb amount, Feb rate, total amount, total rate]
    assert.deepEqual(byRow['Rafa/Análisis'], [10, 0.5, null, null, 10, 0.5])
    assert.deepEqual(byRow['Rafa/Oferta'], [30, null, 40, 1, 70, 1])
    assert.deepEqual(byRow['Rafa'], [40, 0.5, 40, 1, 80, 0.67])
    assert.deepEqual(byRow['Rita/Análisis'], [null, null, 5, 0, 5, 0])
    assert.deepEqual(byRow['Rita'], [null, null, 5, 0, 5, 0])
    assert.deepEqual(byRow['TOTAL'], [40, 0.5, 45, 0.5, 85, 0.4])
    // Additive measures add up: the subtotals and the total equal the sum of their leaves.
    assert.equal(10 + 30 + 40 + 5, byRow['TOTAL'][4])
  })

  test('level queries group by the prefixes and keep the date range', ({ assert }) => {
    const state: PivotState = {
      view: 'v',
      measures: [A],
      rows: [O],
      columns: [],
      time: {
        dimension: 'v.created_at',
        granularity: 'month',
        axis: 'columns',
        dateRange: ['2026-01-01', '2026-03-31'],
      },
      filters: [{ member: 'v.status', operator: 'equals', values: ['won'] }],
      chart: 'table',
    }
    const leaf = levelQuery(state, 1, 1)
    assert.deepEqual(leaf.dimensions, [O])
    assert.deepEqual(leaf.timeDimensions, [
      { dimension: 'v.created_at', granularity: 'month', dateRange: ['2026-01-01', '2026-03-31'] },
    ])
    const total = levelQuery(state, 0, 0)
    assert.deepEqual(total.dimensions, [])
    assert.deepEqual(total.timeDimensions, [
      { dimension: 'v.created_at', dateRange: ['2026-01-01', '2026-03-31'] },
    ])
    assert.deepEqual(total.filters, [{ member: 'v.status', operator: 'equals', values: ['won'] }])
  })
})
