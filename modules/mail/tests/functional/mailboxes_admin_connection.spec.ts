import { createServer } from 'node:net'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { SMTPServer } from 'smtp-server'
import { createOrganization, createUser } from '#tests/helpers/world'
import { createFolder, createImapUser, imapSkip, imapTestServer } from '#tests/helpers/dovecot'

/*
 * "Probar conexión" / "Probar envío" against real servers (a closed port, an SMTP server made
 * here, the run's Dovecot) and the SSRF guard with private hosts not allowed.
 */

const admin = (org: any) =>
  createUser(org, { permissions: ['mail.mailboxes.view', 'mail.mailboxes.configure'] })

const write = (request: any, user: any, body: Record<string, unknown> = {}) =>
  request.loginAs(user).json(body).withCsrfToken().redirects(0)

const PRIVATE_HOST_ES =
  'Ese servidor está en una red privada o local, y esta instalación no permite usarla (MAIL_ALLOW_PRIVATE_HOSTS).'

/** A port nothing listens on (taken and released at once). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** An SMTP server on 127.0.0.1 that accepts one user; `secure` serves its built-in certificate. */
async function smtpServer(secure = false): Promise<{ port: number; close: () => Promise<void> }> {
  const server = new SMTPServer({
    secure,
    logger: false,
    allowInsecureAuth: true,
    disabledCommands: secure ? [] : ['STARTTLS'],
    onAuth: (auth, _session, callback) =>
      auth.username === 'envios' && auth.password === 'clave-smtp'
        ? callback(null, { user: auth.username })
        : callback(new Error('Invalid username or password')),
  })
  // The client hanging up on the certificate is expected, not a failure of the test.
  server.on('error', () => {})
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = (server as any).server.address() as { port: number }
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

test.group('Mailboxes admin: connection tests and the SSRF guard', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('with private hosts not allowed, a mailbox on 127.0.0.1 is refused in plain words', async ({
    client,
    assert,
    cleanup,
  }) => {
    const previous = process.env.MAIL_ALLOW_PRIVATE_HOSTS
    process.env.MAIL_ALLOW_PRIVATE_HOSTS = 'false'
    cleanup(() => {
      process.env.MAIL_ALLOW_PRIVATE_HOSTS = previous
    })
    const org = await createOrganization(['crm', 'mail'])
    const boss = await admin(org)
    const refused = await write(client.post('/mail/mailboxes'), boss, {
      name: 'interno',
      kind: 'shared',
      privacy: 'full',
      enabled: true,
      imapHost: '127.0.0.1',
      imapPort: 993,
      imapSecurity: 'tls',
      imapUser: 'interno',
      imapPassword: 'x',
      smtpSecurity: 'starttls',
    })
    refused.assertStatus(302)
    refused.assertFlashMessage('inputErrorsBag', { imapHost: [PRIVATE_HOST_ES] })
    assert.isNull(await db.from('mail_mailboxes').where('organization_id', org.id).first())
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '169.254.169.254']) {
      const probe = await write(client.post('/mail/mailboxes/test'), boss, {
        target: 'imap',
        host,
        port: 993,
        security: 'tls',
        user: 'x',
        password: 'y',
      })
      probe.assertStatus(200)
      assert.deepInclude(probe.body(), {
        ok: false,
        code: 'private_host',
        message: PRIVATE_HOST_ES,
      })
    }
  })

  test('a port where nothing listens is "unreachable"', async ({ client, assert }) => {
    const org = await createOrganization(['crm', 'mail'])
    const boss = await admin(org)
    const port = await closedPort()
    for (const target of ['imap', 'smtp']) {
      const probe = await write(client.post('/mail/mailboxes/test'), boss, {
        target,
        host: '127.0.0.1',
        port,
        security: 'none',
        user: 'x',
        password: 'y',
      })
      assert.deepInclude(probe.body(), {
        ok: false,
        code: 'unreachable',
        message:
          'El servidor no responde en ese puerto: revisa el servidor, el puerto y el cortafuegos.',
      })
    }
  })

  test('SMTP: "Probar envío" passes with the right password, says so with a wrong one', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const boss = await admin(org)
    const smtp = await smtpServer()
    try {
      const probe = (password: string) =>
        write(client.post('/mail/mailboxes/test'), boss, {
          target: 'smtp',
          host: '127.0.0.1',
          port: smtp.port,
          security: 'none',
          user: 'envios',
          password,
        })
      assert.deepInclude((await probe('clave-smtp')).body(), { ok: true, code: null })
      assert.deepInclude((await probe('otra')).body(), {
        ok: false,
        code: 'auth_failed',
        message: 'La contraseña o el usuario no son correctos.',
      })
    } finally {
      await smtp.close()
    }
  })

  test('a bad certificate is reported, never accepted', async ({ client, assert }) => {
    const org = await createOrganization(['crm', 'mail'])
    const boss = await admin(org)
    const smtp = await smtpServer(true)
    try {
      const probe = await write(client.post('/mail/mailboxes/test'), boss, {
        target: 'smtp',
        host: '127.0.0.1',
        port: smtp.port,
        security: 'tls',
        user: 'envios',
        password: 'clave-smtp',
      })
      assert.deepInclude(probe.body(), { ok: false, code: 'certificate' })
      // smtp-server's built-in certificate (self-signed for localhost, long expired): the
      // answer names the problem.
      assert.match(
        probe.body().message,
        /^El certificado del servidor (es autofirmado|está caducado)/
      )
    } finally {
      await smtp.close()
    }
  })

  test('IMAP (Dovecot): lists the folders; a wrong password; a blank one uses the stored', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const boss = await admin(org)
    const account = createImapUser('buzones')
    await createFolder(account, 'Enviados')
    const { host, port } = imapTestServer()
    const server = { target: 'imap', host, port, security: 'none', user: account.user }
    const ok = await write(client.post('/mail/mailboxes/test'), boss, {
      ...server,
      password: account.password,
    })
    assert.isTrue(ok.body().ok, ok.text())
    assert.equal(ok.body().folders[0], 'INBOX')
    assert.include(ok.body().folders, 'Enviados')
    const wrong = await write(client.post('/mail/mailboxes/test'), boss, {
      ...server,
      password: 'no-es-esta',
    })
    assert.deepInclude(wrong.body(), {
      ok: false,
      code: 'auth_failed',
      message: 'La contraseña o el usuario no son correctos.',
    })
    // TLS asked of a clear-text server: a TLS error in plain words, no silent fallback.
    const tls = await write(client.post('/mail/mailboxes/test'), boss, {
      ...server,
      security: 'tls',
      password: account.password,
    })
    assert.deepInclude(tls.body(), {
      ok: false,
      code: 'tls_error',
      message: 'No se ha podido establecer la conexión cifrada: revisa la seguridad y el puerto.',
    })
    const saved = await write(client.post('/mail/mailboxes'), boss, {
      name: 'dovecot',
      kind: 'shared',
      privacy: 'full',
      enabled: true,
      imapHost: host,
      imapPort: port,
      imapSecurity: 'none',
      imapUser: account.user,
      imapPassword: account.password,
      folders: ['INBOX', 'Enviados'],
      smtpSecurity: 'starttls',
    })
    saved.assertStatus(302)
    const box = await db.from('mail_mailboxes').where('organization_id', org.id).firstOrFail()
    const stored = await write(client.post('/mail/mailboxes/test'), boss, {
      ...server,
      mailboxId: box.id,
      password: null,
    })
    assert.isTrue(stored.body().ok, stored.text())
  }).skip(...imapSkip())
})
