import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import { putSystemBytes } from '#app/documents/store_file'
import { sweepOrphanFiles } from '#app/documents/sweep'
import { createOrganization } from '#tests/helpers/world'
import { importArchive } from '../../archive/import.js'
import { CAPTURE_AREA } from '../../pipeline/store.js'
import { ORPHAN_HOURS } from '../../jobs/index.js'
import { emlFolder } from '../mail_helpers.js'

const DAY = ORPHAN_HOURS * 3600_000

/*
 * A process killed between writing a message's attachments to the drive and committing their
 * rows leaves files no document names: the hourly sweep removes those under the capture area
 * once they are older than a day, and nothing a row names, nothing newer, nothing elsewhere.
 */
test.group('Mail capture: orphan attachment files are swept', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an old orphan goes; a referenced file, a fresh orphan and files elsewhere stay', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    // A captured file with its row: an unreadable message is kept as its original .eml.
    await importArchive({
      organizationId: org.id,
      mailbox: 'ventas',
      path: await emlFolder([Buffer.from([0, 1, 2, 255, 254, 10, 13, 0, 7]) as any]),
    })
    const referenced = await db
      .from('documents')
      .where({ organization_id: org.id, resource: 'mail.messages' })
      .firstOrFail()
    assert.match(referenced.stored_key, new RegExp(`^${CAPTURE_AREA}/${org.id}/`))
    // What a kill before the commit leaves: the file, no row.
    const meta = { organizationId: org.id, contentType: 'application/pdf' }
    const orphan = await putSystemBytes(meta, Buffer.from('%PDF-1.4 huérfano'), CAPTURE_AREA)
    // Outside the area (a user's upload, an outbox copy): never the sweep's business.
    const elsewhere = await putSystemBytes(meta, Buffer.from('otro'))
    const exists = (key: string) => drive.use().exists(key)

    // Now: everything is younger than a day (a capture may still be committing it).
    const now = await sweepOrphanFiles({ area: CAPTURE_AREA, olderThanMs: DAY })
    assert.notInclude(now, orphan.storedKey)
    assert.isTrue(await exists(orphan.storedKey))

    // A day and an hour later: the orphan of the area goes (other tests' rolled-back captures
    // too), never a file a row names.
    const later = Date.now() + DAY + 3600_000
    const removed = await sweepOrphanFiles({ area: CAPTURE_AREA, olderThanMs: DAY, now: later })
    assert.include(removed, orphan.storedKey)
    assert.notInclude(removed, referenced.stored_key)
    assert.notInclude(removed, elsewhere.storedKey)
    assert.isFalse(await exists(orphan.storedKey))
    assert.isTrue(await exists(referenced.stored_key))
    assert.isTrue(await exists(elsewhere.storedKey))
    await drive.use().delete(elsewhere.storedKey)
  })

  test('the sweep is scheduled and refuses a path for an area', async ({ assert }) => {
    const { default: manifest } = await import('../../module.js')
    assert.deepInclude(manifest.schedules ?? [], { job: 'mailSweepFiles', cron: '17 * * * *' })
    await assert.rejects(() => sweepOrphanFiles({ area: '../', olderThanMs: DAY }))
  })
})
