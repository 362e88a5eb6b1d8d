import { test } from '@japa/runner'
import { createServer } from 'node:net'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { imapSkip, imapTestServer } from '#tests/helpers/dovecot'
import { sealSecret } from '../../support/secrets.js'
import { syncMailbox } from '../../sync/sync_mailbox.js'
import { failureOf } from '../../sync/errors.js'

/** A port nothing listens on: bound, read, closed. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

async function mailboxAt(
  organizationId: number,
  settings: { host: string; port: number; security: 'tls' | 'starttls' | 'none' }
) {
  const [row] = await db
    .table('mail_mailboxes')
    .returning('id')
    .insert({
      organization_id: organizationId,
      name: 'ventas',
      kind: 'shared',
      privacy: 'full',
      imap_host: settings.host,
      imap_port: settings.port,
      imap_security: settings.security,
      imap_user: 'nadie',
      imap_secret: sealSecret('secreto'),
      created_at: '2026-12-01 00:00:00',
      updated_at: '2026-12-01 00:00:00',
    })
  return Number(typeof row === 'object' ? row.id : row)
}

/** Syncs, expecting a failure; returns the kind and the mailbox's stored last error. */
async function failedSync(mailboxId: number) {
  let error: unknown = null
  await syncMailbox(mailboxId).catch((e) => (error = e))
  if (!error) throw new Error('the sync did not fail')
  const row = await db.from('mail_mailboxes').where('id', mailboxId).firstOrFail()
  return { kind: failureOf(error), lastError: String(row.last_error), holder: row.sync_holder }
}

test.group('IMAP sync — failures in plain words', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a host that refuses the connection is "inalcanzable"', async ({ assert }) => {
    const org = await createOrganization(['crm', 'mail'])
    const id = await mailboxAt(org.id, {
      host: '127.0.0.1',
      port: await closedPort(),
      security: 'none',
    })
    const failure = await failedSync(id)
    assert.equal(failure.kind, 'unreachable')
    assert.include(failure.lastError, 'inalcanzable')
    assert.isNull(failure.holder)
  })

  test('TLS against a clear-text server is a TLS error, never a silent downgrade', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const { host, port } = imapTestServer()
    const tls = await mailboxAt(org.id, { host, port, security: 'tls' })
    const failure = await failedSync(tls)
    assert.equal(failure.kind, 'tls')
    assert.include(failure.lastError, 'TLS')
  }).skip(...imapSkip())

  test('STARTTLS required by a server that does not offer it fails (no clear-text login)', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const { host, port } = imapTestServer()
    const id = await mailboxAt(org.id, { host, port, security: 'starttls' })
    const failure = await failedSync(id)
    assert.equal(failure.kind, 'tls')
    assert.include(failure.lastError, 'TLS')
  }).skip(...imapSkip())
})
