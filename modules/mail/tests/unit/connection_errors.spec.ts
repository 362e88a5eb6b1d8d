import { test } from '@japa/runner'
import { connectionProblem } from '../../net/connection_errors.js'
import { HostRefused } from '../../net/host_guard.js'

/* How imapflow / nodemailer / Node errors read on the mailbox form (net/connection_errors.ts). */

const error = (message: string, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), fields)

test.group('Mail connection problems', () => {
  test('names each kind of failure', ({ assert }) => {
    const cases: [Error, Record<string, unknown>][] = [
      [new HostRefused('private_host', 'x', 'loopback'), { code: 'private_host' }],
      [error('getaddrinfo ENOTFOUND x', { code: 'ENOTFOUND' }), { code: 'host_not_found' }],
      [error('connect ECONNREFUSED 127.0.0.1:1', { code: 'ESOCKET' }), { code: 'unreachable' }],
      [error('connect ETIMEDOUT', { code: 'ETIMEDOUT' }), { code: 'unreachable' }],
      [error('Greeting never received', { code: 'ETIMEDOUT' }), { code: 'timeout' }],
      [error('Failed to receive greeting', { code: 'GREETING_TIMEOUT' }), { code: 'timeout' }],
      [error('Invalid credentials', { authenticationFailed: true }), { code: 'auth_failed' }],
      [error('535 Authentication failed', { code: 'EAUTH' }), { code: 'auth_failed' }],
      [
        error('self-signed certificate', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
        { code: 'certificate', detail: 'self_signed' },
      ],
      [
        error('certificate has expired', { code: 'ESOCKET' }),
        { code: 'certificate', detail: 'expired' },
      ],
      [
        error("Hostname/IP does not match certificate's altnames", {
          code: 'ERR_TLS_CERT_ALTNAME_INVALID',
        }),
        { code: 'certificate', detail: 'hostname' },
      ],
      [
        error('unable to verify the first certificate', {
          code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
        }),
        { code: 'certificate', detail: 'untrusted' },
      ],
      [
        error('wrong version number', { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }),
        { code: 'tls_error' },
      ],
    ]
    for (const [thrown, expected] of cases)
      assert.deepEqual(connectionProblem(thrown), expected as any)
  })

  test('anything else is unknown, with its message', ({ assert }) => {
    assert.deepEqual(connectionProblem(error('Something odd')), {
      code: 'unknown',
      message: 'Something odd',
    })
  })
})
