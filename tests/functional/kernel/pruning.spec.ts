import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import { drainQueue } from '#tests/helpers/queue'
import { dbTimestamp } from '#app/support/dates'
import { dataPath } from '#app/support/paths'
import { insertIdOf } from '#app/import/sql'
import PruneNotifications from '#app/jobs/kernel/prune_notifications'
import PruneImports from '#app/jobs/kernel/prune_imports'

const daysAgo = (n: number) => dbTimestamp(new Date(Date.now() - n * 24 * 3600 * 1000))

test.group('Nightly pruning: read notifications and old imports', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('read notifications past the retention go; unread ones and recent ones stay', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const short = await createOrganization()
    await db.from('organizations').where('id', short.id).update({ notification_retention_days: 7 })
    const ana = await createUser(org)
    const eva = await createUser(short)
    const add = (userId: number, organizationId: number, age: number, read: boolean) =>
      insertIdOf(db.connection(), 'notifications', {
        organization_id: organizationId,
        user_id: userId,
        kind: 'kernel.test',
        message_key: 'x',
        created_at: daysAgo(age),
        read_at: read ? daysAgo(age) : null,
      })
    const oldRead = await add(ana.id, org.id, 100, true)
    const oldUnread = await add(ana.id, org.id, 100, false)
    const recentRead = await add(ana.id, org.id, 30, true)
    const shortOld = await add(eva.id, short.id, 10, true)
    const shortRecent = await add(eva.id, short.id, 3, true)

    await PruneNotifications.dispatch({})
    assert.equal(await drainQueue(), 1)
    const left = async (ids: number[]) =>
      (await db.from('notifications').whereIn('id', ids).orderBy('id').select('id')).map((r) =>
        Number(r.id)
      )
    assert.deepEqual(await left([oldRead, oldUnread, recentRead, shortOld, shortRecent]), [
      oldUnread,
      recentRead,
      shortRecent,
    ])
  })

  test('old imports lose file and preview; rollback data stays while it is offered', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const user = await createUser(org)
    await mkdir(dataPath('imports'), { recursive: true })
    const run = async (status: string, age: number, extra: Record<string, unknown> = {}) => {
      const path = dataPath('imports', `${randomUUID()}.csv`)
      await writeFile(path, 'nombre\nAna\n')
      const id = await insertIdOf(db.connection(), 'import_runs', {
        organization_id: org.id,
        user_id: user.id,
        resource: 'kernel.test',
        status,
        file_name: 'a.csv',
        file_path: path,
        format: 'csv',
        created_at: daysAgo(age),
        updated_at: daysAgo(age),
        ...extra,
      })
      await db.table('import_lines').insert({ run_id: id, line: 2, outcome: 'create' })
      await db
        .table('import_items')
        .insert({ run_id: id, line: 2, action: 'create', subject_id: 1 })
      return { id, path }
    }
    const committed = await run('committed', 40, { committed_at: daysAgo(40), committed_line: 2 })
    const rolledBack = await run('rolled_back', 40, { committed_at: daysAgo(41) })
    const abandoned = await run('previewed', 40)
    const recent = await run('committed', 5, { committed_at: daysAgo(5), committed_line: 2 })
    // A command-line import reads the user's own file in place: never deleted.
    const outside = dataPath(`outside-${randomUUID()}.csv`)
    await writeFile(outside, 'nombre\n')
    const inPlace = await run('previewed', 40, { file_path: outside })

    await PruneImports.dispatch({})
    assert.equal(await drainQueue(), 1)

    const count = async (table: string, runId: number) =>
      Number((await db.from(table).where('run_id', runId).count('* as n'))[0].n)
    const row = (id: number) => db.from('import_runs').where('id', id).first()

    // Committed long ago: rollback still offered, so its items stay; file and preview go.
    assert.isFalse(existsSync(committed.path))
    assert.equal(await count('import_lines', committed.id), 0)
    assert.equal(await count('import_items', committed.id), 1)
    assert.isNotNull((await row(committed.id)).pruned_at)
    // Rolled back: nothing more to undo; the run stays as history.
    assert.isFalse(existsSync(rolledBack.path))
    assert.equal(await count('import_items', rolledBack.id), 0)
    assert.isNotNull(await row(rolledBack.id))
    // Never committed: gone whole.
    assert.isNull(await row(abandoned.id))
    assert.isFalse(existsSync(abandoned.path))
    assert.equal(await count('import_lines', abandoned.id), 0)
    // Recent: untouched.
    assert.isTrue(existsSync(recent.path))
    assert.equal(await count('import_lines', recent.id), 1)
    assert.isNull((await row(recent.id)).pruned_at)
    assert.isNull(await row(inPlace.id))
    assert.isTrue(existsSync(outside), 'a file outside DATA_DIR/imports is not deleted')

    // A second run finds nothing more to do.
    await PruneImports.dispatch({})
    await drainQueue()
    assert.equal(await count('import_items', committed.id), 1)
  })

  test('an administrator sets both periods beside the bin retention, audited', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    const admin = await createUser(org, { isAdmin: true })
    const user = await createUser(org)
    const page = await client.get('/bin').loginAs(admin).withInertia()
    assert.deepEqual(page.inertiaProps.cleanup, { notificationDays: 90, importDays: 30 })
    const put = (who: typeof admin, body: Record<string, unknown>) =>
      client.put('/bin/cleanup').loginAs(who).withCsrfToken().json(body).redirects(0)
    ;(await put(user, { notificationDays: 10, importDays: 5 })).assertStatus(403)
    const bad = await put(admin, { notificationDays: 0, importDays: 5 })
    assert.notEqual(
      (await db.from('organizations').where('id', org.id).first()).import_retention_days,
      5
    )
    bad.assertStatus(302)
    ;(await put(admin, { notificationDays: 10, importDays: 5 })).assertStatus(302)
    const saved = await db.from('organizations').where('id', org.id).first()
    assert.equal(saved.notification_retention_days, 10)
    assert.equal(saved.import_retention_days, 5)
    const audited = await db
      .from('audit_logs')
      .where('organization_id', org.id)
      .where('subject_type', 'kernel.organization')
      .select('field', 'old_value', 'new_value')
    assert.includeDeepMembers(
      audited.map((a) => [a.field, String(a.old_value), String(a.new_value)]),
      [
        ['notification_retention_days', '90', '10'],
        ['import_retention_days', '30', '5'],
      ]
    )
  })
})
