import { test } from '@japa/runner'
import { dueClass, localDay } from '../../activities/classify.js'
import { nextOccurrence } from '../../activities/recurrences.js'

const open = (iso: string, allDay = false) => ({ dueAt: new Date(iso), allDay, status: 'open' })

test.group('Activities: due classes in the reader’s time zone', () => {
  test('overdue, today and future by the calendar day of the zone', ({ assert }) => {
    const now = new Date('2026-12-02T10:00:00Z') // 11:00 in Madrid
    assert.equal(dueClass(open('2026-12-01T15:00:00Z'), 'Europe/Madrid', now), 'overdue')
    assert.equal(dueClass(open('2026-12-02T16:00:00Z'), 'Europe/Madrid', now), 'today')
    assert.equal(dueClass(open('2026-12-03T09:00:00Z'), 'Europe/Madrid', now), 'future')
    // Earlier today with a time: already overdue; all day today: today.
    assert.equal(dueClass(open('2026-12-02T08:00:00Z'), 'Europe/Madrid', now), 'overdue')
    assert.equal(dueClass(open('2026-12-01T23:00:00Z', true), 'Europe/Madrid', now), 'today')
  })

  test('the same instant reads differently across zones', ({ assert }) => {
    // 23:30 UTC on 2 Dec is 00:30 on 3 Dec in Madrid, 18:30 on 2 Dec in New York.
    const now = new Date('2026-12-02T12:00:00Z')
    const late = open('2026-12-02T23:30:00Z')
    assert.equal(dueClass(late, 'Europe/Madrid', now), 'future')
    assert.equal(dueClass(late, 'America/New_York', now), 'today')
    assert.equal(dueClass(late, 'UTC', now), 'today')
    assert.equal(localDay(new Date('2026-12-02T23:30:00Z'), 'Europe/Madrid'), '2026-12-03')
  })

  test('done and cancelled ones are not coloured by date', ({ assert }) => {
    const now = new Date('2026-12-02T12:00:00Z')
    const past = new Date('2026-11-01T12:00:00Z')
    assert.equal(dueClass({ dueAt: past, allDay: false, status: 'done' }, 'UTC', now), 'done')
    assert.equal(
      dueClass({ dueAt: past, allDay: false, status: 'cancelled' }, 'UTC', now),
      'cancelled'
    )
  })

  test('recurrence steps: daily, weekly, monthly clamped at month end', ({ assert }) => {
    const d = new Date('2026-01-31T09:00:00Z')
    assert.equal(nextOccurrence(d, 'daily', 1).toISOString(), '2026-02-01T09:00:00.000Z')
    assert.equal(nextOccurrence(d, 'weekly', 2).toISOString(), '2026-02-14T09:00:00.000Z')
    assert.equal(nextOccurrence(d, 'monthly', 1).toISOString(), '2026-02-28T09:00:00.000Z')
  })
})
