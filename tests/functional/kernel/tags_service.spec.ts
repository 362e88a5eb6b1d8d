import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { moduleRegistry } from '#app/registry/main'
import { deleteTag, ensureTags, listTags, tagsWithUsage, updateTag } from '#app/tags/tags'
import { changeTags, insertTaggings, tagsOfRecords, whereTagged } from '#app/tags/taggings'
import { RuleError } from '#app/support/rule_error'
import { dbTimestamp } from '#app/support/dates'
import { createOrganization } from '#tests/helpers/world'

/*
 * The kernel's tags service on its own (no module's tables): records of a probe resource
 * (`probe.things`, subject `probe.thing`) named by id only.
 */

const RESOURCE = 'probe.things'
const SUBJECT = 'probe.thing'

const change = (
  organizationId: number,
  recordIds: number[],
  add: number[],
  remove: number[] = []
) =>
  changeTags({
    organizationId,
    actorId: null,
    resource: RESOURCE,
    subjectType: SUBJECT,
    recordIds,
    add,
    remove,
  })

test.group('Tags service', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.setup(async () => {
    await moduleRegistry()
  })

  test('a name is one tag per organization whatever its case, accents and spaces', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const other = await createOrganization()
    const [vip] = await ensureTags(org.id, ['Cliente VIP'])
    const again = await ensureTags(org.id, ['cliente  vip', 'CLIENTE VÍP', 'Frío'])
    assert.lengthOf(again, 2)
    assert.include(
      again.map((t) => t.id),
      vip.id
    )
    assert.equal(
      again.find((t) => t.id === vip.id)!.name,
      'Cliente VIP',
      'the first spelling stays'
    )
    // Another organization has its own tag of that name.
    const [theirs] = await ensureTags(other.id, ['Cliente VIP'])
    assert.notEqual(theirs.id, vip.id)
    assert.deepEqual(
      (await listTags(org.id)).map((t) => t.name),
      ['Cliente VIP', 'Frío']
    )
    assert.deepEqual(
      (await listTags(org.id, { q: 'frio' })).map((t) => t.name),
      ['Frío']
    )
    // The unique key holds even when the service is bypassed.
    await assert.rejects(() =>
      db.table('org_tags').insert({
        organization_id: org.id,
        name: 'CLIENTE VIP',
        name_key: 'cliente vip',
        color: 'red',
        created_at: dbTimestamp(),
        updated_at: new Date(),
      })
    )
  })

  test('adding and removing is idempotent and writes history only for real changes', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const [frio, vip] = await ensureTags(org.id, ['Frío', 'VIP'])
    const first = await change(org.id, [1, 2], [frio.id])
    assert.deepEqual(first, { changed: [1, 2], unchanged: [] })
    const second = await change(org.id, [1, 2], [frio.id])
    assert.deepEqual(second, { changed: [], unchanged: [1, 2] })
    await change(org.id, [1], [vip.id], [frio.id])
    await change(org.id, [2], [], [vip.id])
    const tags = await tagsOfRecords(org.id, RESOURCE, [1, 2, 3])
    assert.deepEqual(
      tags.get(1)?.map((t) => t.name),
      ['VIP']
    )
    assert.deepEqual(
      tags.get(2)?.map((t) => t.name),
      ['Frío']
    )
    assert.isUndefined(tags.get(3))
    const audit = await db
      .from('audit_logs')
      .where({ organization_id: org.id, subject_type: SUBJECT, subject_id: 1 })
      .orderBy('id')
      .select('action', 'field', 'old_value', 'new_value')
    assert.deepEqual(audit, [
      { action: 'update', field: 'tags', old_value: null, new_value: 'Frío' },
      { action: 'update', field: 'tags', old_value: 'Frío', new_value: 'VIP' },
    ])
    const timeline = await db
      .from('timeline_events')
      .where({ organization_id: org.id, subject_type: SUBJECT, subject_id: 2 })
      .select('kind', 'data')
    assert.lengthOf(timeline, 1, 'removing a tag record 2 lacks changes nothing')
    assert.equal(timeline[0].kind, 'updated')
    assert.deepEqual(JSON.parse(timeline[0].data).changes, [
      { field: 'tags', from: null, to: 'Frío' },
    ])
  })

  test('a tagging another request inserted meanwhile is skipped, not a duplicate-key error', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const [vip, frio] = await ensureTags(org.id, ['VIP', 'Frío'])
    const row = (tagId: number) => ({
      organization_id: org.id,
      resource: RESOURCE,
      record_id: 7,
      tag_id: tagId,
      created_by: null,
      created_at: dbTimestamp(),
    })
    // The other request's row lands after this one read the record's (stale) tags.
    await db.table('taggings').insert(row(vip.id))
    await insertTaggings(db.connection(), [row(vip.id), row(frio.id)])
    const rows = await db.from('taggings').where({ resource: RESOURCE, record_id: 7 })
    assert.sameMembers(
      rows.map((r) => Number(r.tag_id)),
      [vip.id, frio.id]
    )
  })

  test("another organization's tag ids are ignored", async ({ assert }) => {
    const org = await createOrganization()
    const other = await createOrganization()
    const [theirs] = await ensureTags(other.id, ['Suyo'])
    const result = await change(org.id, [1], [theirs.id])
    assert.deepEqual(result, { changed: [], unchanged: [1] })
    assert.equal((await tagsOfRecords(org.id, RESOURCE, [1])).size, 0)
    assert.equal((await tagsOfRecords(other.id, RESOURCE, [1])).size, 0)
  })

  test('the filter keeps records with any of the tags, inside the query', async ({ assert }) => {
    const org = await createOrganization()
    const [a, b, c] = await ensureTags(org.id, ['A', 'B', 'C'])
    await change(org.id, [10, 11], [a.id])
    await change(org.id, [12], [b.id])
    await change(org.id, [13], [c.id])
    // Audit log rows stand in for a resource's table: subject ids 10…13.
    const query = db
      .from('audit_logs as r')
      .where('r.organization_id', org.id)
      .where('r.subject_type', SUBJECT)
      .distinct('r.subject_id')
      .orderBy('r.subject_id')
    whereTagged(query, {
      organizationId: org.id,
      resource: RESOURCE,
      idColumn: 'r.subject_id',
      tagIds: [a.id, b.id],
    })
    assert.deepEqual(
      (await query).map((r) => Number(r.subject_id)),
      [10, 11, 12]
    )
  })

  test('rename, recolour and delete: folded names stay unique, a deleted tag leaves its records', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const [frio, vip] = await ensureTags(org.id, ['Frío', 'VIP'])
    await change(org.id, [1, 2], [frio.id, vip.id])
    const renamed = await updateTag({
      organizationId: org.id,
      tagId: frio.id,
      name: 'Templado',
      color: 'blue',
    })
    assert.deepEqual(renamed, { id: frio.id, name: 'Templado', color: 'blue' })
    await assert.rejects(
      () => updateTag({ organizationId: org.id, tagId: frio.id, name: 'vip' }),
      RuleError
    )
    await assert.rejects(
      () => updateTag({ organizationId: org.id, tagId: frio.id, color: 'plaid' }),
      RuleError
    )
    const other = await createOrganization()
    assert.isNull(await updateTag({ organizationId: other.id, tagId: frio.id, name: 'Mío' }))
    assert.isFalse(await deleteTag({ organizationId: other.id, tagId: vip.id }))
    assert.deepEqual(
      (await tagsWithUsage(org.id)).map((t) => [t.name, t.uses]),
      [
        ['Templado', 2],
        ['VIP', 2],
      ]
    )
    assert.isTrue(await deleteTag({ organizationId: org.id, tagId: vip.id }))
    const left = await tagsOfRecords(org.id, RESOURCE, [1, 2])
    assert.deepEqual(
      left.get(1)?.map((t) => t.name),
      ['Templado']
    )
    assert.equal(
      Number((await db.from('taggings').where('tag_id', vip.id).count('* as n'))[0].n),
      0
    )
  })
})
