import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import OrganizationCreate from '#commands/organization_create'
import Organization from '#models/organization'
import User from '#models/user'
import { installer } from '#app/registry/services'

test.group('node ace organization:create', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('creates the organization, an administrator who can sign in, and installs the modules', async ({
    assert,
  }) => {
    await db.from('organizations').update({ manages_licence: false })
    const command = await ace.create(OrganizationCreate, [
      '--name=Ferretería Nueva S.L.',
      '--email=Jefa@Ferreteria.es',
      '--admin-name=Pilar Jefa',
      '--password=una-clave-larga',
    ])
    await command.exec()
    command.assertSucceeded()

    const org = await Organization.findByOrFail('slug', 'ferreteria-nueva-s-l')
    assert.isTrue(org.managesLicence, 'the first host of the deployment manages the licence')
    const admin = await User.findByOrFail('email', 'jefa@ferreteria.es')
    assert.equal(admin.organizationId, org.id)
    assert.isTrue(await hash.verify(admin.password, 'una-clave-larga'))
    const roles = await db
      .from('user_roles')
      .join('roles', 'roles.id', 'user_roles.role_id')
      .where('user_roles.user_id', admin.id)
      .select('roles.is_admin')
    assert.isTrue(Boolean(roles[0].is_admin))
    assert.isTrue((await (await installer()).installed(org.id)).has('sonda'))

    const second = await ace.create(OrganizationCreate, [
      '--name=Otra',
      '--slug=otra',
      '--email=otra@otra.es',
      '--password=otra-clave-larga',
    ])
    await second.exec()
    second.assertSucceeded()
    assert.isFalse(
      (await Organization.findByOrFail('slug', 'otra')).managesLicence,
      'only one host'
    )
  })

  test('bad input is refused with the reason and nothing is created', async ({ assert }) => {
    const before = await db.from('organizations').count('* as n').first()
    const command = await ace.create(OrganizationCreate, [
      '--name=X',
      '--email=no-es-correo',
      '--password=corta',
    ])
    await command.exec()
    command.assertFailed()
    assert.equal(
      Number((await db.from('organizations').count('* as n').first()).n),
      Number(before.n)
    )
  })
})
