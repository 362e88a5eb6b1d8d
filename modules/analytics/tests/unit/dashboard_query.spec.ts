import { test } from '@japa/runner'
import { readFilters } from '../../dashboards/period.js'
import {
  drillQuery,
  runningTotals,
  widgetQuery,
  widgetRange,
} from '../../pages/dashboards/query.js'
import type { CubeWidgetDto, DashboardFiltersDto } from '../../dto/dashboards.js'

const FILTERS: DashboardFiltersDto = {
  period: 'quarter',
  from: '2026-04-01',
  to: '2026-06-30',
  today: '2026-05-20',
  teamId: 7,
  repId: null,
}

const widget = (extra: Partial<CubeWidgetDto> = {}): CubeWidgetDto => ({
  key: 'won',
  title: 'Ganado',
  description: null,
  size: 'sm',
  kind: 'kpi',
  query: {
    measures: ['crm_pipeline.won_amount_minor'],
    timeDimension: { dimension: 'crm_pipeline.closed_at' },
  },
  period: 'filter',
  teamMember: 'crm_pipeline.team_id',
  repMember: 'crm_pipeline.owner_id',
  teamDimensions: null,
  series: 'plain',
  drill: {
    id: 'crm_pipeline.id',
    title: 'crm_pipeline.name',
    measures: ['crm_pipeline.amount_minor'],
    filters: [{ member: 'crm_pipeline.status', operator: 'equals', values: ['won'] }],
    href: '/crm/opportunities/:id',
  },
  ...extra,
})

test.group('Dashboards · queries from a widget and the page filters', () => {
  test('period rules: the filter, this month, year to date, the year, none; YoY shifts', ({
    assert,
  }) => {
    const range = (period: CubeWidgetDto['period'], offset = 0) =>
      widgetRange({ period }, FILTERS, offset)
    assert.deepEqual(range('filter'), ['2026-04-01', '2026-06-30'])
    assert.deepEqual(range('month'), ['2026-05-01', '2026-05-31'])
    assert.deepEqual(range('ytd'), ['2026-01-01', '2026-05-20'])
    assert.deepEqual(range('year'), ['2026-01-01', '2026-12-31'])
    assert.deepEqual(range('year', -1), ['2025-01-01', '2025-12-31'])
    assert.deepEqual(range('ytd', -1), ['2025-01-01', '2025-05-20'])
    assert.isNull(range('none'))
  })

  test('team and rep filters apply to the members the widget names', ({ assert }) => {
    assert.deepEqual(widgetQuery(widget(), FILTERS), {
      measures: ['crm_pipeline.won_amount_minor'],
      timeDimensions: [
        { dimension: 'crm_pipeline.closed_at', dateRange: ['2026-04-01', '2026-06-30'] },
      ],
      filters: [{ member: 'crm_pipeline.team_id', operator: 'equals', values: ['7'] }],
    })
    const activities = widget({ teamMember: null, period: 'none' })
    assert.deepEqual(widgetQuery(activities, { ...FILTERS, repId: 3 }).filters, [
      { member: 'crm_pipeline.owner_id', operator: 'equals', values: ['3'] },
    ])
    assert.notProperty(widgetQuery(activities, FILTERS), 'timeDimensions')
  })

  test('a drill-down is ungrouped, keeps the filters and adds what was clicked', ({ assert }) => {
    const byRep = widget({
      kind: 'bar',
      query: { ...widget().query, dimensions: ['crm_pipeline.owner_name'] },
    })
    const q = drillQuery(byRep, FILTERS, { member: 'crm_pipeline.owner_name', value: null })!
    assert.isTrue(q.ungrouped)
    assert.deepEqual(q.dimensions, ['crm_pipeline.id', 'crm_pipeline.name'])
    assert.deepEqual(q.measures, ['crm_pipeline.amount_minor'])
    assert.deepEqual(q.filters, [
      { member: 'crm_pipeline.team_id', operator: 'equals', values: ['7'] },
      { member: 'crm_pipeline.status', operator: 'equals', values: ['won'] },
      { member: 'crm_pipeline.owner_name', operator: 'notSet' },
    ])
    const bucket = drillQuery(byRep, FILTERS, { bucket: ['2026-05-01', '2026-05-31'] })!
    assert.deepEqual(bucket.timeDimensions, [
      { dimension: 'crm_pipeline.closed_at', dateRange: ['2026-05-01', '2026-05-31'] },
    ])
    assert.isNull(drillQuery(widget({ drill: null }), FILTERS))
  })

  test('running totals; the page filters from the query string', ({ assert }) => {
    assert.deepEqual(runningTotals([0, 5, 0, 2]), [0, 5, 5, 7])
    const now = new Date('2026-08-14T10:00:00Z')
    assert.deepEqual(readFilters({}, now), {
      period: 'year',
      from: '2026-01-01',
      to: '2026-12-31',
      today: '2026-08-14',
      timeZone: 'UTC',
      teamId: null,
      repId: null,
    })
    assert.include(readFilters({ period: 'quarter', team: '4', rep: 'x' }, now), {
      from: '2026-07-01',
      to: '2026-09-30',
      teamId: 4,
      repId: null,
    })
    assert.include(readFilters({ period: 'month' }, now), { from: '2026-08-01', to: '2026-08-31' })
    assert.include(readFilters({ period: 'custom', from: '2026-03-02', to: '2026-03-09' }, now), {
      period: 'custom',
      from: '2026-03-02',
    })
    // Dates the wrong way round fall back to the default.
    assert.equal(
      readFilters({ period: 'custom', from: '2026-03-09', to: '2026-03-02' }, now).period,
      'year'
    )
  })

  test('`past`: every day before today (overdue by due date)', ({ assert }) => {
    assert.deepEqual(widgetRange({ period: 'past' }, { ...FILTERS, today: '2026-03-01' }), [
      '2000-01-01',
      '2026-02-28',
    ])
  })

  test("today, this month and the year are the organization's, in its time zone", ({ assert }) => {
    // 23:30 UTC on 31 December is already 1 January in Madrid (UTC+1), not in New York.
    const now = new Date('2026-12-31T23:30:00Z')
    assert.include(readFilters({}, now, 'Europe/Madrid'), {
      today: '2027-01-01',
      from: '2027-01-01',
      to: '2027-12-31',
    })
    assert.include(readFilters({ period: 'month' }, now, 'Europe/Madrid'), {
      from: '2027-01-01',
      to: '2027-01-31',
    })
    assert.include(
      readFilters({ period: 'month' }, new Date('2027-01-01T02:00:00Z'), 'America/New_York'),
      {
        today: '2026-12-31',
        from: '2026-12-01',
      }
    )
    assert.include(readFilters({}, now), { today: '2026-12-31' })
  })
})
