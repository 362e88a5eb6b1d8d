import { test } from '@japa/runner'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import { timeline } from '#app/history/timeline'
import { historyRef, recordHistory, recordHistoryMany } from '#app/history/record_history'
import {
  UnregisteredHistoryNameError,
  registerProbeHistoryNames,
  timelineKindLabel,
} from '#app/history/kinds'
import { forceUnregisteredPolicy } from '#app/access/permission_keys'
import { moduleRegistry } from '#app/registry/main'
import { loadModules } from '#app/registry/loader'
import { subjectNames } from '#app/admin/audit/subject_types'
import { createOrganization } from '#tests/helpers/world'

/*
 * The kernel's record-history writer on its own (no module's tables): probe subjects
 * (`probe.thing`) and probe kinds/actions registered the way a manifest declares them.
 */

const auditRows = (organizationId: number, subjectId: number) =>
  db
    .from('audit_logs')
    .where({ organization_id: organizationId, subject_type: 'probe.thing', subject_id: subjectId })
    .orderBy('id')
    .select('action', 'field', 'old_value', 'new_value')

const timelineRows = (organizationId: number, subjectId: number) =>
  db
    .from('timeline_events')
    .where({ organization_id: organizationId, subject_type: 'probe.thing', subject_id: subjectId })
    .orderBy('id')
    .select('kind', 'data')

test.group('History writer · references, batches, entries', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.setup(async () => {
    await moduleRegistry()
  })

  test('a reference is stored by name in the audit log and by id in the timeline', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const s = { organizationId: org.id, actorId: null, subjectType: 'probe.thing', subjectId: 1 }
    await recordHistory.created(s, { name: 'Ana', boss: historyRef(5, 'Berta') })
    const changes = await recordHistory.updated(
      s,
      { name: 'Ana', boss: historyRef(5, 'Berta') },
      { name: 'Ana', boss: historyRef(6, 'Carla') }
    )
    assert.deepEqual(changes, [{ field: 'bossId', from: 5, to: 6 }])
    // Only the linked record's name changed: audited, but no change for the timeline.
    const renamed = await recordHistory.updated(
      s,
      { boss: historyRef(6, 'Carla') },
      { boss: historyRef(6, 'Carla Ruiz') }
    )
    assert.deepEqual(renamed, [])
    assert.deepEqual(await auditRows(org.id, 1), [
      { action: 'create', field: 'name', old_value: null, new_value: 'Ana' },
      { action: 'create', field: 'boss', old_value: null, new_value: 'Berta' },
      { action: 'update', field: 'boss', old_value: 'Berta', new_value: 'Carla' },
      { action: 'update', field: 'boss', old_value: 'Carla', new_value: 'Carla Ruiz' },
    ])
    const entries = await timelineRows(org.id, 1)
    assert.deepEqual(
      entries.map((e) => [e.kind, JSON.parse(e.data)]),
      [
        ['created', { title: 'Ana' }],
        ['updated', { changes: [{ field: 'bossId', from: 5, to: 6 }] }],
      ]
    )
    assert.notInclude(JSON.stringify(entries), 'Carla')
  })

  test('a batch writes the same rows as one record at a time, in chunks', async ({ assert }) => {
    const org = await createOrganization()
    const base = { organizationId: org.id, actorId: null, subjectType: 'probe.thing' }
    const before = { stage: 'a', boss: historyRef(5, 'Berta') }
    const after = { stage: 'b', boss: null }
    await recordHistory.updated({ ...base, subjectId: 1 }, before, after)
    // 600 records × 2 audit rows: more than one multi-row statement (chunks of ~250 rows).
    const many = Array.from({ length: 600 }, (_, i) => ({ subjectId: 100 + i, before, after }))
    await db.transaction((trx) => recordHistory.updatedMany(trx, base, many))
    const one = { audit: await auditRows(org.id, 1), timeline: await timelineRows(org.id, 1) }
    for (const id of [100, 399, 699])
      assert.deepEqual(
        { audit: await auditRows(org.id, id), timeline: await timelineRows(org.id, id) },
        one
      )
    const [{ total }] = await db
      .from('audit_logs')
      .where({ organization_id: org.id })
      .count('* as total')
    assert.equal(Number(total), 2 + 600 * 2)
  })

  test('a batch delete keeps the audit trail and forgets the timeline', async ({ assert }) => {
    const org = await createOrganization()
    const base = { organizationId: org.id, actorId: null, subjectType: 'probe.thing' }
    await recordHistory.created({ ...base, subjectId: 3 }, { name: 'Tres' })
    await db.transaction((trx) =>
      recordHistoryMany(trx, base, [
        { subjectId: 3, action: 'delete', before: { name: 'Tres' }, after: {} },
      ])
    )
    assert.deepEqual(await timelineRows(org.id, 3), [])
    assert.deepEqual((await auditRows(org.id, 3)).at(-1), {
      action: 'delete',
      field: 'name',
      old_value: 'Tres',
      new_value: null,
    })
  })

  test('one entry of a subject is found by id and kind, changed and removed', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const s = { organizationId: org.id, actorId: null, subjectType: 'probe.thing', subjectId: 1 }
    await recordHistory.event(s, { kind: 'note', data: { body: 'Hola' } })
    await recordHistory.event({ ...s, subjectId: 2 }, { kind: 'note', data: { body: 'Otra' } })
    const { entries } = await timeline.list(s)
    const id = entries[0].id
    const ref = {
      organizationId: org.id,
      subjectType: 'probe.thing',
      subjectId: 1,
      id,
      kind: 'note',
    }
    assert.deepEqual(await timeline.find(ref), {
      id,
      kind: 'note',
      actorId: null,
      data: { body: 'Hola' },
    })
    assert.isNull(await timeline.find({ ...ref, kind: 'created' }), 'another kind')
    assert.isNull(await timeline.find({ ...ref, subjectId: 2, kind: 'note' }), 'another subject')
    const other = await createOrganization()
    assert.isNull(await timeline.find({ ...ref, organizationId: other.id, kind: 'note' }))

    // Another subject's ref changes nothing.
    await timeline.update({ ...ref, subjectId: 2 }, { body: 'X' })
    await timeline.delete({ ...ref, subjectId: 2 })
    // Nor does another kind's: a system entry is never rewritten or removed through a note's ref.
    await timeline.update({ ...ref, kind: 'created' }, { body: 'X' })
    await timeline.delete({ ...ref, kind: 'created' })
    assert.deepEqual((await timeline.find({ ...ref, kind: 'note' }))?.data, { body: 'Hola' })

    await timeline.update(ref, { body: 'Adiós', editedAt: 'ayer' })
    assert.deepEqual((await timeline.find({ ...ref, kind: 'note' }))?.data, {
      body: 'Adiós',
      editedAt: 'ayer',
    })
    await timeline.delete(ref)
    assert.isNull(await timeline.find({ ...ref, kind: 'note' }))
    assert.lengthOf((await timeline.list({ ...s, subjectId: 2 })).entries, 1)
  })
})

test.group('History writer · kinds and actions a module declares', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.setup(async () => {
    await moduleRegistry()
  })

  test('an undeclared module kind or action is refused; the kernel ones need no declaration', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const s = { organizationId: org.id, actorId: null, subjectType: 'probe.thing', subjectId: 1 }
    await assert.rejects(
      () => recordHistory.event(s, { kind: 'probe.called' }),
      UnregisteredHistoryNameError
    )
    await assert.rejects(
      () => recordHistory.event(s, { action: 'probe.merge', changes: [] }),
      UnregisteredHistoryNameError
    )
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          recordHistoryMany(trx, s, [
            { subjectId: 1, action: 'create', before: {}, after: { a: 1 }, kind: 'called' },
          ])
        ),
      UnregisteredHistoryNameError
    )
    assert.lengthOf(await timelineRows(org.id, 1), 0)
    assert.lengthOf(await auditRows(org.id, 1), 0)
    for (const kind of ['created', 'note', 'binned', 'document_added'])
      await recordHistory.event(s, { kind })
    for (const action of ['restore', 'purge', 'export'] as const)
      await recordHistory.event(s, { action, changes: [] })
    assert.lengthOf(await timelineRows(org.id, 1), 4)
    assert.lengthOf(await auditRows(org.id, 1), 3)
  })

  test('in production an undeclared kind is logged and still written', async ({
    assert,
    cleanup,
  }) => {
    cleanup(forceUnregisteredPolicy('deny'))
    const org = await createOrganization()
    const s = { organizationId: org.id, actorId: null, subjectType: 'probe.thing', subjectId: 1 }
    await recordHistory.event(s, { kind: 'probe.called', action: 'probe.merge', changes: [] })
    assert.deepEqual(
      (await timelineRows(org.id, 1)).map((r) => r.kind),
      ['probe.called']
    )
    assert.deepEqual(
      (await auditRows(org.id, 1)).map((r) => r.action),
      ['probe.merge']
    )
  })

  test('a declared kind is written and read with its label and icon; a declared action is labelled', async ({
    assert,
    cleanup,
  }) => {
    cleanup(
      registerProbeHistoryNames({
        kinds: [{ kind: 'probe.called', label: 'timeline.kinds.note', icon: 'phone' }],
        actions: [{ action: 'probe.merge', label: 'admin.audit.actions.export' }],
      })
    )
    const org = await createOrganization()
    const s = { organizationId: org.id, actorId: null, subjectType: 'probe.thing', subjectId: 1 }
    await recordHistory.event(s, {
      kind: 'probe.called',
      data: { minutes: 3 },
      action: 'probe.merge',
      changes: [{ field: 'into', from: null, to: historyRef(9, 'Nueve') }],
    })
    const { entries } = await timeline.list(s)
    assert.containsSubset(entries, [
      { kind: 'probe.called', label: 'timeline.kinds.note', icon: 'phone', data: { minutes: 3 } },
    ])
    assert.deepEqual(await auditRows(org.id, 1), [
      { action: 'probe.merge', field: 'into', old_value: null, new_value: 'Nueve' },
    ])
    const names = subjectNames(i18nManager.locale('en'), [])
    assert.equal(names.action('probe.merge'), 'Export', 'the label the declaration names')
    assert.equal(names.action('update'), 'Changed', 'a kernel action, from admin.json')
    assert.equal(names.action('probe.unknown'), 'probe.unknown')
    assert.isUndefined(timelineKindLabel('created'))
  })

  test('a manifest may only declare kinds and actions under its own name, short enough to store', async ({
    assert,
    cleanup,
  }) => {
    const dir = await mkdtemp(join(tmpdir(), 'cartera-history-'))
    cleanup(() => rm(dir, { recursive: true, force: true }))
    const manifest = (extra: string) => `export default {
      name: 'probe', label: 'probe', description: 'probe', version: '1.0.0', tier: 'basico',
      dependsOn: [], root: import.meta.url, ${extra}
    }\n`
    const load = async (folder: string, extra: string) => {
      await mkdir(join(dir, folder, 'probe'), { recursive: true })
      await writeFile(join(dir, folder, 'probe', 'module.js'), manifest(extra))
      return loadModules({ modulesDir: join(dir, folder), packages: [] })
    }
    const good = await load(
      'good',
      `timelineKinds: [{ kind: 'probe.called', label: 'x' }],
       auditActions: [{ action: 'probe.merge', label: 'y' }]`
    )
    assert.equal(good[0].manifest.timelineKinds?.[0].kind, 'probe.called')
    await assert.rejects(
      () => load('a', `timelineKinds: [{ kind: 'called', label: 'x' }]`),
      /timeline kind "called"/
    )
    await assert.rejects(
      () => load('b', `timelineKinds: [{ kind: 'otro.called', label: 'x' }]`),
      /timeline kind "otro.called"/
    )
    await assert.rejects(
      () => load('c', `auditActions: [{ action: 'probe.much_too_long', label: 'y' }]`),
      /audit action "probe.much_too_long"/
    )
  })
})
