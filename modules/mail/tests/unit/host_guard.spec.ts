import { test } from '@japa/runner'
import { guardHost, HostRefused, refusedRange } from '../../net/host_guard.js'

/* The SSRF guard's ranges (modules/mail/net/host_guard.ts). */

test.group('Mail host guard: ranges', () => {
  const refused: [string, string][] = [
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['::1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.10', 'private'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
  ]
  for (const [address, range] of refused) {
    test(`${address} is refused as ${range}`, ({ assert }) => {
      assert.equal(refusedRange(address), range)
    })
  }

  const allowed = [
    '8.8.8.8',
    '172.15.255.255',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '193.110.128.199',
    '2a00:1450:4003:80e::200e',
    '::ffff:8.8.8.8',
  ]
  for (const address of allowed) {
    test(`${address} is a public address`, ({ assert }) => {
      assert.isNull(refusedRange(address))
    })
  }

  test('a host name resolving to loopback is refused, unless private hosts are allowed', async ({
    assert,
  }) => {
    const error = await guardHost('localhost', false).catch((e) => e)
    assert.instanceOf(error, HostRefused)
    assert.equal(error.code, 'private_host')
    assert.equal(error.range, 'loopback')
    const resolved = await guardHost('localhost', true)
    assert.include(['127.0.0.1', '::1'], resolved.address)
    assert.equal(resolved.servername, 'localhost')
  })

  test('an IP literal is checked as it is and has no TLS server name', async ({ assert }) => {
    const error = await guardHost('[::1]', false).catch((e) => e)
    assert.equal(error.code, 'private_host')
    assert.deepEqual(await guardHost('127.0.0.1', true), {
      address: '127.0.0.1',
      servername: undefined,
    })
  })

  test('a name that does not resolve is host_not_found', async ({ assert }) => {
    const error = await guardHost('no-such-host.invalid', false).catch((e) => e)
    assert.instanceOf(error, HostRefused)
    assert.equal(error.code, 'host_not_found')
  })
})
