import { test } from '@japa/runner'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import testUtils from '@adonisjs/core/services/test_utils'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import ImportCommand from '#commands/import'
import { createOrganization, createUser } from '#tests/helpers/world'
import { startImport } from '#app/import/start'
import { previewImport } from '#app/import/preview'
import { commitImport } from '#app/import/commit'
import { rollbackImport } from '#app/import/rollback'
import { insertLead } from '../leads_helpers.js'

let dir = ''

async function file(name: string, text: string) {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}

test.group('Leads import: keys, bad rows, rollback, ace', (group) => {
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cartera-leads-import-'))
    ace.ui.switchMode('raw')
    return async () => {
      ace.ui.switchMode('normal')
      await rm(dir, { recursive: true, force: true })
    }
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every duplicate key, a bad row with line and reason, commit and rollback', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const byEmail = await insertLead(org, { title: 'Por correo', email: 'ana@alfa.es' })
    const byPhone = await insertLead(org, { title: 'Por teléfono', phone: '+34611111111' })
    const byNif = await insertLead(org, { title: 'Por NIF', nif: 'B12345674' })
    const byName = await insertLead(org, {
      title: 'Por nombre',
      companyName: 'Hierros Beta S.L.',
      firstName: 'Luis',
      lastName: 'Gil',
    })
    const path = await file(
      'iniciativas.csv',
      [
        'Iniciativa;Nombre;Apellidos;Empresa;NIF/CIF;Correo;Teléfono;Origen;Provincia',
        'Nueva;Marta;Sanz;Gamma S.L.;;marta@gamma.es;;Feria;Madrid',
        'Cambia correo;;;;;ANA@alfa.es;;;',
        'Cambia tel;;;;;;611 11 11 11;;',
        'Cambia nif;;;;b-1234567-4;;;;',
        'Cambia nombre;Luis;Gil;HIERROS BETA, S.L.;;;;;',
        'Mala;;;;B12345675;;;;',
        'Repetida;;;;;marta@gamma.es;;;',
        'Origen raro;;;;;;;Paloma mensajera;',
      ].join('\n')
    )
    const started = await startImport({
      organizationId: org.id,
      userId: admin.id,
      resource: 'crm.leads',
      path,
      fileName: 'iniciativas.csv',
    })
    const { totals } = await previewImport(started.id)
    assert.deepEqual(totals, { created: 1, updated: 4, duplicates: 1, rejected: 2 })
    const lines = await db
      .from('import_lines')
      .where('run_id', started.id)
      .orderBy('line')
      .select('*')
    const at = (line: number) => lines.find((l) => l.line === line)
    const keyOf = (line: number) => [at(line).outcome, at(line).of_id, at(line).key]
    assert.deepEqual(keyOf(3), ['update', byEmail, 'email'])
    assert.deepEqual(keyOf(4), ['update', byPhone, 'phone'])
    assert.deepEqual(keyOf(5), ['update', byNif, 'nif'])
    assert.deepEqual(keyOf(6), ['update', byName, 'name'])
    assert.deepEqual(JSON.parse(at(7).reason), {
      key: 'crm.import.reasons.nif',
      values: { value: 'B12345675' },
    })
    assert.equal(at(8).outcome, 'duplicate')
    assert.deepEqual(JSON.parse(at(9).reason), {
      key: 'crm.leads.import.code',
      values: { value: 'Paloma mensajera' },
    })

    await commitImport(started.id)
    const created = await db
      .from('crm_leads')
      .where({ organization_id: org.id, email_normalized: 'marta@gamma.es' })
      .first()
    assert.include(created, { title: 'Nueva', source: 'feria', province: 'Madrid', status: 'new' })
    assert.isNull(created.owner_id, 'no owner column: left to the assignment rules')
    const titles = async () =>
      (await db.from('crm_leads').where('organization_id', org.id).orderBy('id')).map(
        (l) => l.title
      )
    assert.deepEqual(await titles(), [
      'Cambia correo',
      'Cambia tel',
      'Cambia nif',
      'Cambia nombre',
      'Nueva',
    ])

    await rollbackImport(started.id)
    assert.deepEqual(await titles(), ['Por correo', 'Por teléfono', 'Por NIF', 'Por nombre'])
  })

  test('node ace import crm.leads <file> imports and reports bad lines', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    await createUser(org, { isAdmin: true })
    const path = await file(
      'shell.csv',
      'Iniciativa,Empresa,Correo\nCRM para 5 puestos,Delta S.A.,a@delta.es\nSin nada,,no-es-correo\n'
    )
    const command = await ace.create(ImportCommand, ['crm.leads', path, '--json'])
    await command.exec()
    command.assertSucceeded()
    const out = JSON.parse(command.logger.getLogs()[0].message)
    command.logger.flushLogs()
    assert.deepEqual(out.totals, { created: 1, updated: 0, duplicates: 0, rejected: 1 })
    assert.deepEqual(out.lines[1].line, 3)
    assert.match(out.lines[1].reason, /no-es-correo/)
    const lead = await db.from('crm_leads').where('organization_id', org.id).firstOrFail()
    assert.include(lead, { title: 'CRM para 5 puestos', source: 'importacion' })
  })
})
