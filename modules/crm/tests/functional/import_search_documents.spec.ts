import { test } from '@japa/runner'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import { startImport } from '#app/import/start'
import { previewImport } from '#app/import/preview'
import { commitImport } from '#app/import/commit'
import { reindexRecords } from '#app/search/indexer'

/*
 * An import indexes its new companies and leads from the values it wrote (no read back): the
 * documents must be the ones the resources' search providers read from the tables.
 */

let dir = ''

const documentsOf = (organizationId: number, ids: number[], resource = 'crm.companies') =>
  db
    .from('search_documents')
    .where('organization_id', organizationId)
    .where('resource', resource)
    .whereIn('record_id', ids)
    .orderBy('record_id')
    .select('record_id', 'owner_id', 'title', 'subtitle', 'body', 'tags')

test.group('Import: search documents of new records', (group) => {
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cartera-import-docs-'))
    return () => rm(dir, { recursive: true, force: true })
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('written from the values, equal to the documents read from the tables', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const path = join(dir, 'empresas.csv')
    await writeFile(
      path,
      [
        'Nombre;Razón social;NIF/CIF;Web;Correo;Teléfono',
        'Ferretería López;Ferretería López, S.L.;B12345674;https://www.lopez.es/;Info@Lopez.es;912 345 678',
        'Sin Canales S.A.;;;;;',
        'Solo Teléfono;;;;;0044 20 7946 0958',
      ].join('\n')
    )
    const run = await startImport({
      organizationId: org.id,
      userId: admin.id,
      resource: 'crm.companies',
      path,
      fileName: 'empresas.csv',
    })
    await previewImport(run.id)
    const totals = await commitImport(run.id)
    assert.equal(totals.created, 3)
    const ids = (
      await db.from('crm_companies').where('organization_id', org.id).orderBy('id').select('id')
    ).map((r) => Number(r.id))
    assert.lengthOf(ids, 3)
    const written = await documentsOf(org.id, ids)
    assert.lengthOf(written, 3)
    assert.include(written[0].body, '912345678')
    assert.include(written[0].body, 'lopez es')
    await db.transaction((trx) =>
      reindexRecords({ resource: 'crm.companies', organizationId: org.id, ids, client: trx })
    )
    assert.deepEqual(await documentsOf(org.id, ids), written)
  })

  test('new leads too (with and without an owner)', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const path = join(dir, 'iniciativas.csv')
    await writeFile(
      path,
      [
        'Iniciativa;Nombre;Apellidos;Empresa;NIF/CIF;Correo;Teléfono;Comercial',
        `Renovar flota;Ana;Núñez;Transportes Ruiz S.L.;B12345674;Ana@Ruiz.es;+34 600 11 22 33;${admin.fullName}`,
        'Web nueva;;;Diseños Olé;;;;',
        ';Luis;;;;luis@example.com;;',
      ].join('\n')
    )
    const run = await startImport({
      organizationId: org.id,
      userId: admin.id,
      resource: 'crm.leads',
      path,
      fileName: 'iniciativas.csv',
    })
    await previewImport(run.id)
    const totals = await commitImport(run.id)
    assert.equal(totals.created, 3)
    const ids = (
      await db.from('crm_leads').where('organization_id', org.id).orderBy('id').select('id')
    ).map((r) => Number(r.id))
    const written = await documentsOf(org.id, ids, 'crm.leads')
    assert.lengthOf(written, 3)
    assert.include(written[0].body, '34600112233')
    await db.transaction((trx) =>
      reindexRecords({ resource: 'crm.leads', organizationId: org.id, ids, client: trx })
    )
    assert.deepEqual(await documentsOf(org.id, ids, 'crm.leads'), written)
  })
})
