import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import Role from '#models/role'
import { UserFactory } from '#database/factories/user_factory'
import { dbTimestamp } from '#app/support/dates'
import { createTeam } from '#tests/helpers/world'
import { adminWorld } from './_helpers.js'

interface Page {
  ids: number[]
  next: string | null
  prev: string | null
  offset: number
  props: Record<string, any>
}

/**
 * Walks a list forward with "Siguiente", then back from the last page with "Anterior", and
 * checks that each page comes back with the same rows, position and links. `qs` (the filters)
 * rides along both ways, as the page's links carry it.
 */
async function forwardAndBack(
  client: any,
  assert: any,
  admin: User,
  options: { url: string; qs?: string; rows: string; pageSize: number; total: number }
) {
  const read = async (cursors: string): Promise<Page> => {
    const query = [options.qs, cursors].filter(Boolean).join('&')
    const response = await client
      .get(query ? `${options.url}?${query}` : options.url)
      .loginAs(admin)
      .withInertia()
    response.assertStatus(200)
    const props = response.inertiaProps
    return {
      ids: props[options.rows].map((r: any) => r.id),
      next: props.next,
      prev: props.prev,
      offset: props.offset,
      props,
    }
  }
  const forward = [await read('')]
  assert.isNull(forward[0].prev, 'no previous page before the first')
  assert.deepEqual(forward[0].props.count, { value: options.total, capped: false })
  while (forward[forward.length - 1].next && forward.length < 10)
    forward.push(await read(`cursor=${encodeURIComponent(forward[forward.length - 1].next!)}`))
  const pages = Math.ceil(options.total / options.pageSize)
  assert.lengthOf(forward, pages)
  assert.deepEqual(
    forward.map((p) => p.offset),
    forward.map((_, i) => i * options.pageSize)
  )
  const seen = forward.flatMap((p) => p.ids)
  assert.lengthOf(seen, options.total)
  assert.lengthOf(new Set(seen), options.total, 'no row twice')

  let before = forward[pages - 1].prev
  for (let i = pages - 2; i >= 0; i--) {
    assert.isString(before, `page ${i + 2} links back`)
    const back = await read(`before=${encodeURIComponent(before!)}`)
    assert.deepEqual(back.ids, forward[i].ids, `page ${i + 1} again`)
    assert.equal(back.offset, i * options.pageSize)
    assert.isString(back.next, 'a page read backwards links forward')
    if (i === 0) assert.isNull(back.prev, 'back at the first page')
    else assert.isString(back.prev)
    before = back.prev
  }
  return forward
}

/** A cursor that does not decode, or one too long, shows the first page, not an error. */
async function malformedCursors(client: any, assert: any, admin: User, url: string, rows: string) {
  const first = await client.get(url).loginAs(admin).withInertia()
  const ids = first.inertiaProps[rows].map((r: any) => r.id)
  for (const qs of ['before=not-a-cursor', 'cursor=%7B%7D', `before=${'x'.repeat(1200)}`]) {
    const response = await client.get(`${url}?${qs}`).loginAs(admin).withInertia()
    response.assertStatus(200)
    assert.deepEqual(
      response.inertiaProps[rows].map((r: any) => r.id),
      ids,
      qs.slice(0, 30)
    )
    assert.isNull(response.inertiaProps.prev)
    assert.equal(response.inertiaProps.offset, 0)
  }
}

test.group('Admin · lists page back ("Anterior") and say where they are', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('users: forward and back with a filter kept, 25 a page', async ({ client, assert }) => {
    const { org, admin } = await adminWorld()
    for (let i = 0; i < 60; i++) {
      await UserFactory.merge({
        organizationId: org.id,
        fullName: `Persona ${String(i).padStart(2, '0')}`,
        // Every fifth one inactive: the status filter must hold on every page, both ways.
        isActive: i % 5 !== 0,
      }).create()
    }
    const pages = await forwardAndBack(client, assert, admin, {
      url: '/admin/users',
      qs: 'status=active',
      rows: 'users',
      pageSize: 25,
      total: 49,
    })
    assert.equal(pages[1].props.users[0].fullName, 'Persona 31')
    assert.isTrue(pages.every((p) => p.props.users.every((u: any) => u.isActive)))
    const back = await client
      .get(`/admin/users?status=active&before=${encodeURIComponent(pages[1].prev!)}`)
      .loginAs(admin)
      .withInertia()
    assert.equal(back.inertiaProps.filters.status, 'active')
    assert.equal(back.inertiaProps.filters.before, pages[1].prev)
    await malformedCursors(client, assert, admin, '/admin/users', 'users')
  })

  test('roles: forward and back, 50 a page, with the count', async ({ client, assert }) => {
    const { org, admin } = await adminWorld()
    for (let i = 0; i < 109; i++)
      await Role.create({
        organizationId: org.id,
        name: `Rol ${String(i).padStart(3, '0')}`,
        isAdmin: false,
      })
    // The administrator's own role makes 110.
    const pages = await forwardAndBack(client, assert, admin, {
      url: '/admin/roles',
      rows: 'roles',
      pageSize: 50,
      total: 110,
    })
    assert.lengthOf(pages[2].ids, 10)
    await malformedCursors(client, assert, admin, '/admin/roles', 'roles')
  })

  test('teams: forward and back, 50 a page, with the count', async ({ client, assert }) => {
    const { org, admin } = await adminWorld()
    for (let i = 0; i < 105; i++)
      await createTeam(org, null, [], `Equipo ${String(i).padStart(3, '0')}`)
    const pages = await forwardAndBack(client, assert, admin, {
      url: '/admin/teams',
      rows: 'teams',
      pageSize: 50,
      total: 105,
    })
    assert.deepEqual(
      pages.map((p) => p.props.teams[0].name),
      ['Equipo 000', 'Equipo 050', 'Equipo 100']
    )
    await malformedCursors(client, assert, admin, '/admin/teams', 'teams')
  })

  test('audit log: newest first, forward and back with the filter kept, 50 a page', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const entry = (i: number, subjectType: string) => ({
      organization_id: org.id,
      actor_id: admin.id,
      subject_type: subjectType,
      subject_id: i + 1,
      action: 'create',
      field: null,
      old_value: null,
      new_value: null,
      created_at: dbTimestamp(),
    })
    // Other entries in between: the subject filter must hold on every page, both ways.
    for (let i = 0; i < 120; i++)
      await db.table('audit_logs').insert(entry(i, i % 4 === 3 ? 'test.other' : 'test.thing'))
    const pages = await forwardAndBack(client, assert, admin, {
      url: '/admin/audit',
      qs: 'subjectType=test.thing',
      rows: 'entries',
      pageSize: 50,
      total: 90,
    })
    assert.isTrue(
      pages.every((p) => p.props.entries.every((e: any) => e.subjectType === 'test.thing'))
    )
    const ids = pages.flatMap((p) => p.ids)
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
      'newest first'
    )
    const back = await client
      .get(`/admin/audit?subjectType=test.thing&before=${encodeURIComponent(pages[1].prev!)}`)
      .loginAs(admin)
      .withInertia()
    assert.equal(back.inertiaProps.filters.subjectType, 'test.thing')
    assert.equal(back.inertiaProps.filters.before, pages[1].prev)
    await malformedCursors(client, assert, admin, '/admin/audit', 'entries')
  })
})
