import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import MailImport from '../../commands/mail_import.js'
import MailStatus from '../../commands/mail_status.js'
import MailSync from '../../commands/mail_sync.js'
import { eml, emlFolder, sharedMailbox } from '../mail_helpers.js'

async function run(
  command: typeof MailImport | typeof MailStatus | typeof MailSync,
  args: string[]
) {
  const instance = await ace.create(command, args)
  await instance.exec()
  const logs = instance.logger.getLogs().map((l) => l.message)
  instance.logger.flushLogs()
  return { instance, logs }
}

/*
 * Issue 9, "archives and status from the shell": `node ace mail:import` says when it creates
 * an archive-only mailbox and stores nothing the second time; `node ace mail:status --json`
 * prints exactly the documented shape.
 */
test.group('mail:import and mail:status', (group) => {
  group.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('import creates the archive mailbox and says so; again, nothing new; status --json', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const path = await emlFolder([
      eml({ messageId: 'c1@cliente-a.es' }),
      eml({ messageId: 'c2@cliente-a.es', subject: 'Pedido 7' }),
      eml({ messageId: 'c1@cliente-a.es' }),
      Buffer.from([0, 1, 2, 255, 254, 10, 13, 0]) as any,
    ])
    const slug = `--organization=${org.slug}`
    const first = await run(MailImport, [path, '--mailbox', 'histórico', slug])
    first.instance.assertSucceeded()
    // In the organization's language (es)…
    assert.include(first.logs.join('\n'), 'Se ha creado el buzón de solo archivo «histórico».')
    assert.include(
      first.logs.join('\n'),
      '4 mensajes leídos: 2 guardados, 0 ya guardados en otro buzón, 1 ya importados, ' +
        '0 omitidos por una regla, 1 ilegibles (guardados en bruto).'
    )
    // …or the one chosen.
    const again = await run(MailImport, [path, '--mailbox', 'histórico', slug, '--locale=en'])
    again.instance.assertSucceeded()
    assert.notInclude(again.logs.join('\n'), 'Created')
    assert.include(again.logs.join('\n'), '4 messages read: 0 stored, ')
    const status = await run(MailStatus, ['--json', slug])
    status.instance.assertSucceeded()
    assert.lengthOf(status.logs, 1)
    const out = JSON.parse(status.logs[0])
    assert.deepEqual(Object.keys(out), ['mailboxes'])
    const [mailbox] = out.mailboxes
    assert.deepEqual(Object.keys(mailbox), [
      'name',
      'onServer',
      'stored',
      'skipped',
      'failed',
      'missing',
      'lastSyncAt',
      'folders',
    ])
    // An archive's "on server": the distinct messages offered to it (3: two mails and the junk).
    assert.deepInclude(mailbox, {
      name: 'histórico',
      onServer: 3,
      stored: 2,
      skipped: 0,
      failed: 1,
      missing: 0,
    })
    assert.match(mailbox.lastSyncAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
    assert.lengthOf(mailbox.folders, 1)
    assert.deepEqual(Object.keys(mailbox.folders[0]), [
      'name',
      'onServer',
      'stored',
      'skipped',
      'failed',
      'missing',
      'lastSyncAt',
    ])
    assert.deepInclude(mailbox.folders[0], { onServer: 3, stored: 2, failed: 1, missing: 0 })

    // The text speaks the organization's language (es), the folder lines too.
    const text = await run(MailStatus, [slug])
    assert.match(
      text.logs[0],
      new RegExp(
        '^histórico \\(Archivo\\): en el servidor 3 · guardados 2 · omitidos 0 · fallidos 1 · ' +
          'faltan 0 · última sincronización \\d{4}-'
      )
    )
    assert.equal(
      text.logs[1],
      '  ARCHIVO: en el servidor 3 · guardados 2 · omitidos 0 · fallidos 1 · faltan 0'
    )
  })

  test("status text is in one language: the organization's, or --locale, sync errors included", async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const mailbox = await sharedMailbox(org.id, 'ventas', 'ventas@cartera-demo.es')
    // Stored in Spanish words with its code, the way a failed sync leaves it.
    await db.from('mail_mailboxes').where('id', mailbox).update({
      last_error: 'Fallo de autenticación: el servidor rechazó el usuario o la contraseña.',
      last_error_code: 'auth',
    })
    const slug = `--organization=${org.slug}`
    const es = await run(MailStatus, [slug])
    es.instance.assertSucceeded()
    assert.equal(
      es.logs[0],
      'ventas (Compartido): en el servidor 0 · guardados 0 · omitidos 0 · fallidos 0 · faltan 0 · ' +
        'última sincronización nunca · error: Fallo de autenticación: el servidor rechazó el ' +
        'usuario o la contraseña.'
    )
    const en = await run(MailStatus, [slug, '--locale=en'])
    en.instance.assertSucceeded()
    assert.equal(
      en.logs[0],
      'ventas (Shared): on server 0 · stored 0 · skipped 0 · failed 0 · missing 0 · last sync ' +
        'never · error: Authentication failed: the server refused the user name or the password.'
    )
    await db.from('organizations').where('id', org.id).update({ default_locale: 'en' })
    const own = await run(MailStatus, [slug])
    assert.equal(own.logs[0], en.logs[0])

    const errors = await run(MailStatus, ['--organization=no-existe', '--locale=en'])
    errors.instance.assertFailed()
    assert.include(errors.logs[0], 'No organization "no-existe".')
    const unknown = await run(MailStatus, [slug, '--locale=fr'])
    unknown.instance.assertFailed()
    assert.include(unknown.logs[0], 'Idioma «fr» desconocido: use uno de es, en.')
  })

  test('an unknown path, a missing mailbox or language is said in plain words and the command fails', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const slug = `--organization=${org.slug}`
    const missing = await run(MailImport, ['/no/such/folder', '--mailbox', 'x', slug])
    missing.instance.assertFailed()
    assert.include(missing.logs.join('\n'), 'No existe el archivo o la carpeta: /no/such/folder')
    const english = await run(MailImport, [
      '/no/such/folder',
      '--mailbox',
      'x',
      slug,
      '--locale=en',
    ])
    assert.include(english.logs.join('\n'), 'No such file or folder: /no/such/folder')
    const noMailbox = await run(MailImport, ['/no/such/folder', slug, '--locale=en'])
    noMailbox.instance.assertFailed()
    assert.include(noMailbox.logs.join('\n'), '--mailbox <name> is required')
    const language = await run(MailImport, ['/tmp', '--mailbox', 'x', slug, '--locale=fr'])
    language.instance.assertFailed()
    assert.include(language.logs.join('\n'), 'Idioma «fr» desconocido: use uno de es, en.')

    const sync = await run(MailSync, ['nada', slug])
    sync.instance.assertFailed()
    assert.include(sync.logs.join('\n'), 'No hay ningún buzón IMAP llamado «nada».')
    const syncEn = await run(MailSync, [slug, '--locale=en'])
    syncEn.instance.assertFailed()
    assert.include(syncEn.logs.join('\n'), 'No IMAP mailboxes yet.')
    const unknownOrg = await run(MailSync, ['--organization=no-existe', '--locale=en'])
    unknownOrg.instance.assertFailed()
    assert.include(unknownOrg.logs.join('\n'), 'No organization "no-existe".')
  })
})
