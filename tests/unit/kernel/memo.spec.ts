import { test } from '@japa/runner'
import { memoByKey } from '#app/support/memo'

test.group('memoByKey', () => {
  test('looks each key up once, and again after a failed lookup', async ({ assert }) => {
    const calls: string[] = []
    let fail = true
    const lookup = memoByKey(async (key: string) => {
      calls.push(key)
      if (key === 'flaky' && fail) throw new Error('not yet')
      return key.toUpperCase()
    })
    assert.equal(await lookup('a'), 'A')
    assert.equal(await lookup('a'), 'A')
    assert.equal(await lookup('b'), 'B')
    await assert.rejects(() => lookup('flaky'), 'not yet')
    fail = false
    assert.equal(await lookup('flaky'), 'FLAKY')
    assert.equal(await lookup('flaky'), 'FLAKY')
    assert.deepEqual(calls, ['a', 'b', 'flaky', 'flaky'])
  })
})
