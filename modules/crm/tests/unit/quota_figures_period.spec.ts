import { test } from '@japa/runner'
import { quotaPeriodOf } from '../../quotas/figures.js'

test.group('Dashboards · the quota period of a dashboard period', () => {
  test('a month, a quarter, a year, and anything else as year to date', ({ assert }) => {
    assert.deepEqual(quotaPeriodOf('2026-05-01', '2026-05-31'), {
      year: 2026,
      month: 5,
      period: 'month',
    })
    assert.deepEqual(quotaPeriodOf('2026-04-01', '2026-06-30'), {
      year: 2026,
      month: 6,
      period: 'quarter',
    })
    assert.deepEqual(quotaPeriodOf('2026-01-01', '2026-12-31'), {
      year: 2026,
      month: 12,
      period: 'year',
    })
    // Not aligned to a quarter (Feb–Apr), or starting the year before: year to date.
    assert.equal(quotaPeriodOf('2026-02-01', '2026-04-30').period, 'ytd')
    assert.deepEqual(quotaPeriodOf('2025-11-01', '2026-03-31'), {
      year: 2026,
      month: 3,
      period: 'ytd',
    })
  })
})
