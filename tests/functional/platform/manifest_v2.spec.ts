import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import vite from '@adonisjs/vite/services/main'
import { moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'
import { permissionCatalog } from '#app/admin/roles/permission_catalog'
import { syncSchedules } from '#app/jobs/registry'
import { dbTimestamp } from '#app/support/dates'
import { seedDemo } from '#app/kernel/demo'
import { drainQueue } from '#tests/helpers/queue'
import { createOrganization, createUser } from '#tests/helpers/world'
import { recordHistory } from '#app/history/record_history'
import { timelineKindLabel, UnregisteredHistoryNameError } from '#app/history/kinds'
import { timeline } from '#app/history/timeline'
import { customFieldResources, customFields } from '#app/custom_fields/definitions'
import { validateCustomFields } from '#app/custom_fields/validate'

/**
 * The proof of the module contract v2: the `ejemplo` package (tests/fixtures/cartera-modulo-ejemplo)
 * declares a page, a permission action, a job with a schedule, a search provider, a home
 * card, a timeline kind and a resource that accepts custom fields, and each works with no
 * kernel file naming it.
 */
async function addNotes(organizationId: number, texts: string[]) {
  await db
    .table('ejemplo_notas')
    .multiInsert(
      texts.map((text) => ({ organization_id: organizationId, text, created_at: dbTimestamp() }))
    )
}

test.group('Platform · manifest v2, proven by a package module (ejemplo)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('what the manifest leaves out is filled in from the name', async ({ assert }) => {
    const registry = await moduleRegistry()
    const ejemplo = registry.manifest('ejemplo')
    assert.equal(ejemplo.label, 'ejemplo.module.label')
    assert.equal(ejemplo.description, 'ejemplo.module.description')
    assert.equal(ejemplo.migrations, 'database/migrations')
    assert.equal(ejemplo.lang, 'lang')
    assert.isUndefined(ejemplo.cubeSchema, 'no cube/schema/ejemplo folder')
    const crm = registry.manifest('crm')
    assert.equal(crm.cubeSchema, 'cube/schema/crm')
    assert.equal(crm.label, 'crm.module.label')
    // A resource's label defaults to `<key>.title`.
    assert.deepEqual(
      crm.resources!.map((r) => r.label),
      crm.resources!.map((r) => `${r.key}.title`)
    )
    assert.includeMembers(
      crm.resources!.map((r) => r.label),
      ['crm.companies.title', 'crm.contacts.title']
    )
  })

  test('its page renders through Inertia under its own name', async ({ client, assert }) => {
    const org = await createOrganization(['ejemplo'])
    await addNotes(org.id, ['Llamar a Acme'])
    const reader = await createUser(org, { permissions: ['ejemplo.notas.view'] })
    const page = await client.get('/ejemplo/notas/pagina').loginAs(reader).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('ejemplo/notas/index')
    assert.deepEqual(
      page.inertiaProps.notas.map((n: any) => n.text),
      ['Llamar a Acme']
    )
    // The page resolver (resources/js/app.tsx) finds it in the package's pages/ folder, and the
    // shell's translations (ui/i18n.ts) include its lang files.
    const server = vite.getDevServer()
    if (server) {
      const listed = await server.transformRequest('virtual:cartera/module-packages')
      assert.include(listed!.code, '"ejemplo"')
      assert.include(listed!.code, '/tests/fixtures/cartera-modulo-ejemplo/pages/notas/index.jsx')
      assert.include(
        listed!.code,
        '/tests/fixtures/cartera-modulo-ejemplo/lang/es.json',
        'its labels'
      )
    } else {
      // The run loads a prebuilt bundle (scripts/test.mjs): the page is one of its chunks and
      // the package's labels are in the entry chunk.
      const assets = app.makePath('public/assets')
      const manifest = JSON.parse(readFileSync(`${assets}/.vite/manifest.json`, 'utf8'))
      assert.include(
        Object.keys(manifest),
        'tests/fixtures/cartera-modulo-ejemplo/pages/notas/index.jsx'
      )
      const entry = readFileSync(`${assets}/${manifest['resources/js/app.tsx'].file}`, 'utf8')
      assert.include(entry, 'Archivar notas', 'its labels')
    }
  }).timeout(60_000)

  test('its permission action is in the role catalog, labelled from its own lang files', async ({
    assert,
  }) => {
    const org = await createOrganization(['ejemplo'])
    const catalog = await permissionCatalog(org.id)
    const ejemplo = catalog.find((m) => m.name === 'ejemplo')!
    assert.deepInclude(ejemplo.extras, {
      key: 'ejemplo.notas.archive',
      label: 'ejemplo.permissions.notas_archive',
    })
    assert.equal(i18nManager.locale('es').t('ejemplo.permissions.notas_archive'), 'Archivar notas')
    assert.equal(i18nManager.locale('en').t('ejemplo.permissions.notas_archive'), 'Archive notes')
    const crm = catalog.find((m) => m.name === 'crm')!
    assert.deepEqual(crm.resources[0].actionLabels, {
      view: 'permissions.actions.view',
      create: 'permissions.actions.create',
      edit: 'permissions.actions.edit',
      delete: 'permissions.actions.delete',
      export: 'permissions.actions.export',
    })
  })

  test('its job runs through its schedule', async ({ assert }) => {
    const org = await createOrganization(['ejemplo'])
    await addNotes(org.id, ['Una', 'Otra'])
    await syncSchedules()
    const schedule = await db.from('queue_schedules').where('id', 'ejemplo.resumen').first()
    assert.exists(schedule, 'the manifest’s schedule is registered')
    assert.equal(schedule.name, 'ejemplo.resumen')
    await db
      .from('queue_schedules')
      .where('id', 'ejemplo.resumen')
      .update({ next_run_at: new Date(Date.now() - 60_000) })
    assert.isAtLeast(await drainQueue(), 1)
    const texts = (await db.from('ejemplo_notas').where('organization_id', org.id)).map(
      (n) => n.text
    )
    assert.include(texts, 'Resumen: 2 notas')
  }).timeout(60_000)

  test('its search provider answers GET /search, for users who may view notes', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['ejemplo'])
    await addNotes(org.id, ['Llamar a Acme', 'Enviar catálogo'])
    const other = await createOrganization(['ejemplo'])
    await addNotes(other.id, ['Llamar a otra'])
    const reader = await createUser(org, { permissions: ['ejemplo.notas.view'] })
    const response = await client.get('/search').qs({ q: 'llamar' }).loginAs(reader)
    response.assertStatus(200)
    const notas = response.body().groups.find((g: any) => g.resource === 'ejemplo.notas')
    assert.equal(notas.label, 'Notas')
    assert.deepEqual(
      notas.results.map((r: any) => r.title),
      ['Llamar a Acme']
    )
    assert.match(notas.results[0].href, /^\/ejemplo\/notas\/pagina\?nota=\d+$/)

    const stranger = await createUser(org, { permissions: [] })
    const none = await client.get('/search').qs({ q: 'llamar' }).loginAs(stranger)
    assert.deepEqual(none.body().groups, [])
  }).timeout(60_000)

  test('its card is on the home page, for users who may open it, while it is enabled', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['ejemplo'])
    const reader = await createUser(org, { permissions: ['ejemplo.notas.view'] })
    const home = await client.get('/').loginAs(reader).withInertia()
    home.assertStatus(200)
    assert.deepEqual(home.inertiaProps.cards, [
      {
        module: 'ejemplo',
        label: 'ejemplo.nav.notas',
        description: 'ejemplo.home.notas',
        href: '/ejemplo/notas/pagina',
        icon: 'notes',
      },
    ])
    assert.equal(
      i18nManager.locale('es').t('ejemplo.home.notas'),
      'Notas breves de la organización.'
    )

    const admin = await createUser(org, { isAdmin: true })
    const all = await client.get('/').loginAs(admin).withInertia()
    assert.deepEqual(
      all.inertiaProps.cards.map((c: any) => c.href),
      ['/crm/companies', '/crm/contacts', '/ejemplo/notas/pagina'],
      'the CRM declares its two cards'
    )

    await (await installer()).uninstall(org.id, 'ejemplo')
    const gone = await client.get('/').loginAs(admin).withInertia()
    assert.notInclude(
      gone.inertiaProps.cards.map((c: any) => c.module),
      'ejemplo'
    )
  }).timeout(60_000)

  test('demo roles get what the manifests grant them', async ({ assert }) => {
    assert.isTrue(await seedDemo(await moduleRegistry()))
    const org = await db.from('organizations').where('slug', 'demo').firstOrFail()
    const granted = async (name: string) =>
      (
        await db
          .from('role_permissions')
          .join('roles', 'roles.id', 'role_permissions.role_id')
          .where({ 'roles.organization_id': org.id, 'roles.name': name })
          .select('permission')
      )
        .map((p) => p.permission)
        .sort()
    assert.includeMembers(await granted('Dirección comercial'), [
      'crm.companies.delete',
      'crm.contacts.export',
      'ejemplo.notas.create',
      'ejemplo.notas.view',
    ])
    assert.notInclude(await granted('Dirección comercial'), 'ejemplo.notas.archive')
    // (The CRM's other resources grant the rep more; companies and contacts are compared here.)
    const rep = await granted('Comercial')
    assert.notInclude(rep.join(' '), 'ejemplo.')
    assert.deepEqual(
      rep.filter((p) => /^crm\.(companies|contacts)\./.test(p)),
      [
        'crm.companies.create',
        'crm.companies.delete',
        'crm.companies.edit',
        'crm.companies.view',
        'crm.contacts.create',
        'crm.contacts.delete',
        'crm.contacts.edit',
        'crm.contacts.view',
      ]
    )
  }).timeout(120_000)

  test('the icon it names is drawn from the icon set by name', async ({ client, assert }) => {
    const org = await createOrganization()
    const user = await createUser(org)
    const icon = await client.get('/icons/notes').loginAs(user)
    icon.assertStatus(200)
    assert.equal(icon.body().type, 'outline')
    assert.isAbove(icon.body().node.length, 0)
    const unknown = await client.get('/icons/not-an-icon').loginAs(user)
    unknown.assertStatus(404)
  }).timeout(60_000)

  test('its timeline kind is written and labelled; an undeclared one is refused', async ({
    assert,
  }) => {
    const org = await createOrganization(['ejemplo'])
    const user = await createUser(org)
    const subject = {
      organizationId: org.id,
      actorId: user.id,
      subjectType: 'ejemplo.nota',
      subjectId: 1,
    }
    await recordHistory.event(subject, { kind: 'ejemplo.nota_archivada', data: { id: 1 } })
    const page = await timeline.list({
      organizationId: org.id,
      subjectType: 'ejemplo.nota',
      subjectId: 1,
    })
    assert.deepEqual(
      page.entries.map((e) => e.kind),
      ['ejemplo.nota_archivada']
    )
    assert.deepEqual(timelineKindLabel('ejemplo.nota_archivada'), {
      label: 'ejemplo.timeline.nota_archivada',
      icon: 'archive',
    })
    assert.equal(
      i18nManager.locale('es').t('ejemplo.timeline.nota_archivada', { actor: 'Ana' }),
      'Ana ha archivado la nota'
    )
    await assert.rejects(
      () => recordHistory.event(subject, { kind: 'ejemplo.nota_borrada' }),
      UnregisteredHistoryNameError
    )
  }).timeout(60_000)

  test('its resource accepts custom fields, added from Administración', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['ejemplo'])
    const admin = await createUser(org, { isAdmin: true })
    assert.deepInclude(
      (await customFieldResources()).map((r) => ({ key: r.key, subject: r.subject })),
      { key: 'ejemplo.fichas', subject: 'ejemplo.ficha' }
    )
    const screen = await client
      .get('/admin/custom-fields?resource=ejemplo.fichas')
      .loginAs(admin)
      .withInertia()
    screen.assertStatus(200)
    assert.equal(screen.inertiaProps.current, 'ejemplo.fichas')
    assert.deepInclude(screen.inertiaProps.resources, { key: 'ejemplo.fichas', label: 'Fichas' })
    const created = await client
      .post('/admin/custom-fields')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
      .json({
        resource: 'ejemplo.fichas',
        label: 'Prioridad',
        type: 'number',
        required: true,
        showInList: false,
        active: true,
      })
    created.assertStatus(302)
    const fields = await customFields(org.id, 'ejemplo.fichas')
    assert.deepEqual(
      fields.map((f) => [f.key, f.type, f.required]),
      [['prioridad', 'number', true]]
    )
    const bad = await validateCustomFields(org.id, 'ejemplo.fichas', { prioridad: 'mucha' })
    assert.deepEqual(
      bad.errors.map((e) => e.field),
      ['customFields.prioridad']
    )
    const good = await validateCustomFields(org.id, 'ejemplo.fichas', { prioridad: '3' })
    assert.deepEqual(good.errors, [])
    assert.equal(good.values.prioridad, 3)
  }).timeout(60_000)
})
