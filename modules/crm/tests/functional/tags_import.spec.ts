import { test } from '@japa/runner'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import type User from '#models/user'
import { startImport } from '#app/import/start'
import { previewImport } from '#app/import/preview'
import { commitImport } from '#app/import/commit'
import { rollbackImport } from '#app/import/rollback'
import { tagsOfRecords } from '#app/tags/taggings'
import { createOrganization } from '#tests/helpers/world'
import { crmUser, insertCompany } from '../helpers.js'
import { companyNameKey } from '../../support/keys.js'

/* The "Etiquetas" column of the companies' import: an export imports back with its tags. */

let dir = ''

async function importFile(org: Organization, user: User, name: string, content: string) {
  const path = join(dir, name)
  await writeFile(path, content)
  return startImport({
    organizationId: org.id,
    userId: user.id,
    resource: 'crm.companies',
    path,
    fileName: name,
  })
}

async function tagsByName(org: Organization) {
  const rows = await db.from('crm_companies').where('organization_id', org.id).select('id', 'name')
  const tags = await tagsOfRecords(
    org.id,
    'crm.companies',
    rows.map((r) => Number(r.id))
  )
  return Object.fromEntries(
    rows.map((r) => [r.name, (tags.get(Number(r.id)) ?? []).map((t) => t.name)])
  )
}

test.group('Tags · import', (group) => {
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cartera-tags-'))
    return () => rm(dir, { recursive: true, force: true })
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an export imports back with its tags; an update sets them; undoing gives them back', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const acme = await insertCompany(org, { name: 'Acme', name_key: companyNameKey('Acme') })
    await insertCompany(org, { name: 'Beta', name_key: companyNameKey('Beta') })
    await client
      .post(`/tags/crm.companies/${acme}`)
      .json({ create: ['VIP', 'Frío'] })
      .loginAs(user)
      .withCsrfToken()
    const csv = (await client.get('/crm/companies/export').loginAs(user)).text()
    await db.from('taggings').where('organization_id', org.id).delete()
    await db.from('crm_companies').where('organization_id', org.id).delete()

    const started = await importFile(org, user, 'empresas.csv', csv)
    assert.include(started.mapping, 'tags', 'the "Etiquetas" header maps by itself')
    const preview = await previewImport(started.id)
    assert.equal(preview.totals.created, 2)
    await commitImport(started.id)
    assert.deepEqual(await tagsByName(org), { Acme: ['Frío', 'VIP'], Beta: [] })

    // Re-importing the same file changes nothing; a file with other tags sets them.
    const again = await importFile(org, user, 'otra.csv', csv)
    const samePreview = await previewImport(again.id)
    assert.equal(samePreview.totals.updated, 0)
    const changed = await importFile(
      org,
      user,
      'cambio.csv',
      'Nombre;Tags\nAcme;vip, Nuevo\nBeta;Nuevo\n'
    )
    await previewImport(changed.id)
    await commitImport(changed.id)
    assert.deepEqual(await tagsByName(org), { Acme: ['Nuevo', 'VIP'], Beta: ['Nuevo'] })
    const tagRows = await db.from('org_tags').where('organization_id', org.id).orderBy('name_key')
    assert.deepEqual(
      tagRows.map((t) => t.name),
      ['Frío', 'Nuevo', 'VIP'],
      '"vip" is the existing VIP tag'
    )
    const audit = await db
      .from('audit_logs')
      .where({ organization_id: org.id, subject_type: 'crm.company', field: 'tags' })
      .orderBy('id', 'desc')
      .first()
    assert.equal(audit.new_value, 'Nuevo')

    await rollbackImport(changed.id)
    assert.deepEqual(await tagsByName(org), { Acme: ['Frío', 'VIP'], Beta: [] })
  })
})
