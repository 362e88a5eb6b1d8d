import { test } from '@japa/runner'
import { plan, uidSet } from '../../sync/fetch_batch.js'
import { SMALL_MESSAGE } from '../../pipeline/types.js'

test.group('IMAP sync: fetch steps of a batch', () => {
  test('UID sets compress consecutive runs', ({ assert }) => {
    assert.equal(uidSet([3, 4, 5, 6, 7, 9, 11, 12]), '3:7,9,11:12')
    assert.equal(uidSet([42]), '42')
  })

  test('small messages share a FETCH, a big one gets its own step, order is kept', ({ assert }) => {
    const uids = Array.from({ length: 60 }, (_, i) => i + 1)
    const sizes = new Map(uids.map((uid) => [uid, 30_000]))
    sizes.set(10, SMALL_MESSAGE + 1)
    const steps = plan(uids, sizes)
    assert.deepEqual(
      steps.map((s) => ('big' in s ? `big ${s.big}` : `${s.small[0]}-${s.small.at(-1)}`)),
      ['1-9', 'big 10', '11-35', '36-60']
    )
  })

  test('a FETCH holds at most 2 MB of messages; an unknown size counts as small', ({ assert }) => {
    const sizes = new Map([
      [1, 200_000],
      [2, 200_000],
    ])
    for (let uid = 3; uid <= 12; uid++) sizes.set(uid, 250_000)
    const steps = plan([...sizes.keys(), 13], sizes)
    const runs = steps.map((s) => ('small' in s ? s.small : []))
    assert.deepEqual(runs, [
      [1, 2, 3, 4, 5, 6, 7, 8],
      [9, 10, 11, 12, 13],
    ])
  })
})
