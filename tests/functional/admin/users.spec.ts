import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import Role from '#models/role'
import { createUser, createTeam } from '#tests/helpers/world'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { adminWorld, fieldErrors, otherOrganization, write } from './_helpers.js'

const newUser = (overrides: Record<string, unknown> = {}) => ({
  fullName: 'Lucía Fernández',
  email: 'lucia@prueba.test',
  locale: 'es',
  timezone: 'Europe/Madrid',
  roleIds: [],
  reportsToId: null,
  isActive: true,
  passwordMode: 'set',
  password: 'clave-inicial-123',
  ...overrides,
})

test.group('Admin · users', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => smtpSink.clear())

  test('the list pages by name and shows roles, team, manager and last sign-in as DTOs', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const boss = await createUser(org, {}, { fullName: 'Bruno Jefe' })
    const rep = await createUser(org, {}, { fullName: 'Carla Comercial', reportsToId: boss.id })
    rep.lastLoginAt = (await import('luxon')).DateTime.fromISO('2026-03-05T09:30:00Z')
    await rep.save()
    await createTeam(org, boss, [rep], 'Equipo Norte')
    const other = await otherOrganization()

    const response = await client.get('/admin/users').loginAs(admin).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('admin/users/index')
    const users = response.inertiaProps.users as any[]
    assert.deepEqual(
      users.map((u) => u.fullName),
      ['Ana Administradora', 'Bruno Jefe', 'Carla Comercial']
    )
    assert.notInclude(
      users.map((u) => u.id),
      other.user.id
    )
    const carla = users[2]
    assert.equal(carla.reportsTo, 'Bruno Jefe')
    assert.deepEqual(carla.teams, ['Equipo Norte'])
    assert.equal(carla.lastLoginAt, '2026-03-05T09:30:00.000Z')
    assert.notProperty(carla, 'password')
    assert.isTrue(users[0].roles[0].isAdmin)
    assert.deepEqual(response.inertiaProps.count, { value: 3, capped: false })
  })

  test('the list fills its role filter with the roles only: no unbounded read of the users', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    await Role.create({ organizationId: org.id, name: 'Comercial', isAdmin: false })
    for (let i = 0; i < 3; i++) await createUser(org)
    // Every statement the request runs, as the driver sees it (transactions included).
    const knex = (db as any).manager.get(db.primaryConnectionName).connection.client
    const statements: string[] = []
    const listen = (query: { sql: string }) => statements.push(query.sql)
    knex.on('query', listen)
    let response
    try {
      response = await client.get('/admin/users').loginAs(admin).withInertia()
    } finally {
      knex.off('query', listen)
    }
    response.assertStatus(200)
    assert.sameMembers(
      (response.inertiaProps.roles as any[]).map((r) => r.label),
      [
        'Comercial',
        ...(
          await db
            .from('roles')
            .where('organization_id', org.id)
            .whereNot('name', 'Comercial')
            .select('name')
        ).map((r) => r.name),
      ]
    )
    assert.deepEqual(Object.keys((response.inertiaProps.roles as any[])[0]).sort(), [
      'label',
      'value',
    ])
    const readsUsers = statements.filter((sql) => /\bfrom [`"[]?users[`"\]]?/i.test(sql))
    assert.isNotEmpty(readsUsers)
    const unbounded = readsUsers.filter(
      (sql) => !/\blimit\b/i.test(sql) && !/[`"\]]id[`"\]]? (=|in)/i.test(sql)
    )
    assert.deepEqual(unbounded, [], 'every read of users is paged or by id')
  })

  test('search, status and role filters, and keyset pages without repeats', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    for (let i = 0; i < 27; i++)
      await createUser(org, {}, { fullName: `Persona ${String(i).padStart(2, '0')}` })
    await createUser(
      org,
      {},
      { fullName: 'Zoe Baja', email: 'zoe.baja@prueba.test', isActive: false }
    )
    const found = await client.get('/admin/users?q=baja').loginAs(admin).withInertia()
    assert.deepEqual(
      (found.inertiaProps.users as any[]).map((u) => u.fullName),
      ['Zoe Baja']
    )
    const inactive = await client.get('/admin/users?status=inactive').loginAs(admin).withInertia()
    assert.deepEqual(
      (inactive.inertiaProps.users as any[]).map((u) => u.fullName),
      ['Zoe Baja']
    )
    const adminRole = await db.from('user_roles').where('user_id', admin.id).first()
    const byRole = await client
      .get(`/admin/users?roleId=${adminRole.role_id}`)
      .loginAs(admin)
      .withInertia()
    assert.deepEqual(
      (byRole.inertiaProps.users as any[]).map((u) => u.id),
      [admin.id]
    )
    const literal = await client.get('/admin/users?q=%25').loginAs(admin).withInertia()
    assert.lengthOf(literal.inertiaProps.users as any[], 0, '% is searched literally')

    const seen: number[] = []
    let cursor: string | null = null
    do {
      const page: any = await client
        .get(`/admin/users${cursor ? `?cursor=${cursor}` : ''}`)
        .loginAs(admin)
        .withInertia()
      seen.push(...page.inertiaProps.users.map((u: any) => u.id))
      cursor = page.inertiaProps.next
    } while (cursor)
    assert.lengthOf(seen, 29)
    assert.lengthOf(new Set(seen), 29)
  })

  test('creating a user with an initial password, roles and manager is audited', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const role = await Role.create({ organizationId: org.id, name: 'Comercial', isAdmin: false })
    const boss = await createUser(org, {}, { fullName: 'Bruno Jefe' })
    const response = await write(
      client.post('/admin/users'),
      admin,
      newUser({ roleIds: [role.id], reportsToId: boss.id, email: ' LUCIA@Prueba.test ' })
    )
    response.assertStatus(302)
    response.assertHeader('location', '/admin/users')
    response.assertFlashMessage('success', 'Usuario Lucía Fernández creado.')

    const user = await User.findByOrFail('email', 'lucia@prueba.test')
    assert.equal(user.organizationId, org.id)
    assert.equal(user.reportsToId, boss.id)
    assert.isTrue(await hash.verify(user.password, 'clave-inicial-123'))
    assert.deepEqual(
      (await db.from('user_roles').where('user_id', user.id)).map((r) => r.role_id),
      [role.id]
    )
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'kernel.user', subject_id: user.id, action: 'create' })
    assert.includeMembers(
      audit.map((a) => a.field),
      ['fullName', 'email', 'roles', 'reportsTo']
    )
    assert.equal(audit.find((a) => a.field === 'roles').new_value, '["Comercial"]')
    assert.equal(audit.find((a) => a.field === 'reportsTo').new_value, 'Bruno Jefe')
    assert.notInclude(
      audit.map((a) => a.field),
      'password'
    )
    assert.equal(audit[0].actor_id, admin.id)
    assert.equal(audit[0].organization_id, org.id)
  })

  test('"send password-reset e-mail" creates the user and mails them a link', async ({
    client,
    assert,
  }) => {
    const { admin } = await adminWorld()
    const response = await write(
      client.post('/admin/users'),
      admin,
      newUser({ passwordMode: 'email', password: null, locale: 'en' })
    )
    response.assertFlashMessage(
      'success',
      'Usuario Lucía Fernández creado. Le hemos enviado un correo para que elija su contraseña.'
    )
    const mails = smtpSink.to('lucia@prueba.test')
    assert.lengthOf(mails, 1)
    assert.match(mails[0].text ?? '', /\/password\/reset\/[\w-]+/)
    assert.equal(mails[0].subject, 'Cartera: password reset')
  })

  test('validation errors are translated (Spanish and English) and nothing is written', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    await createUser(org, {}, { email: 'ocupado@prueba.test' })
    const es = await write(
      client.post('/admin/users'),
      admin,
      newUser({ email: 'ocupado@prueba.test', password: 'corta', timezone: 'Marte/Olympus' })
    )
    es.assertStatus(302)
    const errors = fieldErrors(es)
    assert.equal(errors.email, 'Ya existe un usuario con ese correo electrónico')
    assert.equal(errors.password, 'El campo contraseña debe tener al menos 10 caracteres')
    assert.equal(errors.timezone, 'Elija una zona horaria de la lista')

    const english = await createUser(org, { isAdmin: true }, { locale: 'en' })
    const en = await write(
      client.post('/admin/users'),
      english,
      newUser({ email: 'no-es-correo', passwordMode: 'set', password: null })
    )
    const enErrors = fieldErrors(en)
    assert.equal(enErrors.email, 'The e-mail field must be a valid email address')
    assert.equal(enErrors.password, 'The password field is required')
    assert.isNull(await User.findBy('fullName', 'Lucía Fernández'))
  })

  test('only the allowed fields are written: organization and last login cannot be forged', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const other = await otherOrganization()
    await write(
      client.post('/admin/users'),
      admin,
      newUser({ organizationId: other.org.id, lastLoginAt: '2020-01-01 00:00:00' })
    )
    const user = await User.findByOrFail('email', 'lucia@prueba.test')
    assert.equal(user.organizationId, org.id)
    assert.isNull(user.lastLoginAt)
  })

  test('roles and managers of another organization are refused', async ({ client, assert }) => {
    const { admin } = await adminWorld()
    const other = await otherOrganization()
    const foreignRole = await db.from('user_roles').where('user_id', other.user.id).first()
    const withRole = await write(
      client.post('/admin/users'),
      admin,
      newUser({ roleIds: [foreignRole.role_id] })
    )
    assert.equal(
      fieldErrors(withRole).roleIds,
      'Uno de los roles elegidos no existe en su empresa.'
    )
    const withBoss = await write(
      client.post('/admin/users'),
      admin,
      newUser({ reportsToId: other.user.id })
    )
    assert.equal(
      fieldErrors(withBoss).reportsToId,
      'El superior elegido no es un usuario de su empresa.'
    )
    assert.isNull(await User.findBy('email', 'lucia@prueba.test'))
  })

  test('editing a user: fields, roles replaced, optional password, no reporting loops', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const a = await createUser(org, {}, { fullName: 'Alba' })
    const b = await createUser(org, {}, { fullName: 'Berta', reportsToId: a.id })
    const c = await createUser(org, {}, { fullName: 'Celia', reportsToId: b.id })
    const role = await Role.create({ organizationId: org.id, name: 'Soporte', isAdmin: false })

    const form = await client.get(`/admin/users/${a.id}/edit`).loginAs(admin).withInertia()
    form.assertInertiaComponent('admin/users/form')
    assert.equal(form.inertiaProps.user.fullName, 'Alba')

    const loop = await write(client.put(`/admin/users/${a.id}`), admin, {
      fullName: 'Alba',
      email: a.email,
      locale: 'es',
      timezone: 'Europe/Madrid',
      roleIds: [],
      reportsToId: c.id,
    })
    assert.equal(
      fieldErrors(loop).reportsToId,
      'El superior elegido ya reporta (directa o indirectamente) a este usuario: se formaría un círculo.'
    )
    const self = await write(client.put(`/admin/users/${a.id}`), admin, {
      fullName: 'Alba',
      email: a.email,
      locale: 'es',
      timezone: 'Europe/Madrid',
      roleIds: [],
      reportsToId: a.id,
    })
    assert.equal(fieldErrors(self).reportsToId, 'Un usuario no puede reportarse a sí mismo.')
    await a.refresh()
    assert.isNull(a.reportsToId)

    await db.table('remember_me_tokens').insert({
      tokenable_id: c.id,
      hash: `h-${c.id}`,
      created_at: '2026-01-01 00:00:00',
      updated_at: '2026-01-01 00:00:00',
      expires_at: '2099-01-01 00:00:00',
    })
    const ok = await write(client.put(`/admin/users/${c.id}`), admin, {
      fullName: 'Celia Nueva',
      email: 'celia@prueba.test',
      locale: 'en',
      timezone: 'Atlantic/Canary',
      roleIds: [role.id],
      reportsToId: a.id,
      password: 'otra-clave-segura',
    })
    ok.assertFlashMessage('success', 'Cambios de Celia Nueva guardados.')
    await c.refresh()
    assert.equal(c.fullName, 'Celia Nueva')
    assert.equal(c.locale, 'en')
    assert.equal(c.timezone, 'Atlantic/Canary')
    assert.equal(c.reportsToId, a.id)
    assert.isTrue(await hash.verify(c.password, 'otra-clave-segura'))
    assert.lengthOf(
      await db.from('remember_me_tokens').where('tokenable_id', c.id),
      0,
      'a new password signs "remember me" devices out'
    )
    const roles = await db.from('user_roles').where('user_id', c.id)
    assert.deepEqual(
      roles.map((r) => r.role_id),
      [role.id],
      'the old role was replaced'
    )
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'kernel.user', subject_id: c.id, action: 'update' })
    assert.includeMembers(
      audit.map((r) => r.field),
      ['fullName', 'email', 'locale', 'timezone', 'reportsTo', 'roles', 'password']
    )
    assert.notInclude(audit.map((r) => r.new_value).join(' '), 'otra-clave-segura')
  })

  test('deactivating and activating a user; deactivation is audited', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const user = await createUser(org)
    const off = await write(client.post(`/admin/users/${user.id}/deactivate`), admin)
    off.assertStatus(302)
    await user.refresh()
    assert.isFalse(Boolean(user.isActive))
    const on = await write(client.post(`/admin/users/${user.id}/activate`), admin)
    on.assertFlashMessage('success', `${user.fullName} vuelve a estar activo.`)
    await user.refresh()
    assert.isTrue(Boolean(user.isActive))
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'kernel.user', subject_id: user.id, field: 'isActive' })
      .orderBy('id')
    assert.deepEqual(
      audit.map((a) => a.new_value),
      ['false', 'true']
    )
  })
})
