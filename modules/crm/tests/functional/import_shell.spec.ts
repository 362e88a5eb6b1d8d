import { test } from '@japa/runner'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import testUtils from '@adonisjs/core/services/test_utils'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import ExcelJS from 'exceljs'
import ImportCommand from '#commands/import'
import { createOrganization, createUser } from '#tests/helpers/world'
import { companyPayload } from '../helpers.js'

let dir = ''

async function runCommand(args: string[]) {
  const command = await ace.create(ImportCommand, args)
  await command.exec()
  const logs = command.logger.getLogs().map((l) => l.message)
  command.logger.flushLogs()
  return { command, logs }
}

test.group('node ace import', (group) => {
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cartera-import-'))
    ace.ui.switchMode('raw')
    return async () => {
      ace.ui.switchMode('normal')
      await rm(dir, { recursive: true, force: true })
    }
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('--dry-run --json prints totals and every line, and writes nothing', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    await createUser(org, { isAdmin: true })
    const path = join(dir, 'dry.csv')
    await writeFile(
      path,
      'Company name,Tax ID (NIF/CIF),Email\nAcme S.L.,b-12345674,a@acme.es\nACME,,\nBad,B12345675,\n'
    )
    const { command, logs } = await runCommand(['crm.companies', path, '--dry-run', '--json'])
    command.assertSucceeded()
    const out = JSON.parse(logs[0])
    assert.deepEqual(out.totals, { created: 1, updated: 0, duplicates: 1, rejected: 1 })
    assert.deepEqual(out.lines[0], { line: 2, outcome: 'create' })
    assert.deepEqual(out.lines[1], { line: 3, outcome: 'duplicate', of: 'line 2', key: 'name' })
    assert.equal(out.lines[2].outcome, 'rejected')
    assert.match(out.lines[2].reason, /B12345675/)
    assert.lengthOf(await db.from('crm_companies').where('organization_id', org.id), 0)
    assert.lengthOf(await db.from('import_runs'), 0)
  })

  test('imports an XLSX sheet by mapping; several organizations need --organization', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    await createUser(org, { isAdmin: true })
    const wb = new ExcelJS.Workbook()
    const notes = wb.addWorksheet('Notas')
    notes.addRow(['Nota'])
    notes.addRow(['Llamar el lunes'])
    const sheet = wb.addWorksheet('Clientes')
    sheet.addRow(['Razón', 'Ciudad'])
    sheet.addRow(['Hierros del Norte', 'Bilbao'])
    const path = join(dir, 'libro.xlsx')
    await wb.xlsx.writeFile(path)
    // The first sheet is read: it has no name column, so its line is rejected.
    const first = await runCommand(['crm.companies', path, '--dry-run', '--json'])
    assert.deepEqual(JSON.parse(first.logs[0]).totals, {
      created: 0,
      updated: 0,
      duplicates: 0,
      rejected: 1,
    })
    const headerOnly = join(dir, 'header.csv')
    await writeFile(headerOnly, 'Nombre;NIF\n')
    const empty = await runCommand(['crm.companies', headerOnly, '--json'])
    assert.equal(empty.command.exitCode, 1)
    assert.match(JSON.parse(empty.logs[0]).error, /only has the header row/)

    const other = await createOrganization(['crm'])
    const several = await runCommand(['crm.companies', path, '--json'])
    assert.equal(several.command.exitCode, 1)
    assert.match(JSON.parse(several.logs[0]).error, /several organizations/)
    assert.include(JSON.parse(several.logs[0]).error, other.slug)
    assert.lengthOf(await db.from('import_runs'), 0)
  })

  test('a CSV exported from the companies list imports back unmapped, as duplicates', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    for (const [i, name] of ['Construcciones Pérez S.L.', 'Hierros Ñ, S.A.'].entries()) {
      await client
        .post('/crm/companies')
        .json(
          companyPayload({
            name,
            nif: i ? 'A58818501' : 'B12345674',
            website: i ? 'hierros.es' : 'perez.es',
            emails: [{ address: `hola${i}@x.es` }],
            phones: [{ number: `91200000${i}` }],
          })
        )
        .loginAs(admin)
        .withCsrfToken()
        .redirects(0)
    }
    const exported = await client.get('/crm/companies/export').loginAs(admin)
    exported.assertStatus(200)
    const path = join(dir, 'export.csv')
    await writeFile(path, exported.text())
    const { logs } = await runCommand(['crm.companies', path, '--dry-run', '--json'])
    const out = JSON.parse(logs[0])
    assert.deepEqual(out.totals, { created: 0, updated: 0, duplicates: 2, rejected: 0 })
    assert.deepEqual(
      out.lines.map((l: { key: string }) => l.key),
      ['nif', 'nif']
    )
  })

  test('a CSV exported from the contacts list imports back unmapped', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    await client
      .post('/crm/companies')
      .json(companyPayload({ name: 'Acme S.L.', nif: 'B12345674' }))
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    const company = await db.from('crm_companies').where('organization_id', org.id).first()
    await client
      .post('/crm/contacts')
      .json({
        firstName: 'Ana',
        lastName: 'García',
        companyId: company.id,
        position: 'Gerente',
        emails: [{ address: 'ana@acme.es' }],
        phones: [{ number: '600112233' }],
      })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    const exported = await client.get('/crm/contacts/export').loginAs(admin)
    const path = join(dir, 'contacts.csv')
    await writeFile(path, exported.text())
    const dry = JSON.parse(
      (await runCommand(['crm.contacts', path, '--dry-run', '--json'])).logs[0]
    )
    assert.deepEqual(dry.totals, { created: 0, updated: 0, duplicates: 1, rejected: 0 })
    // The same file into a fresh organization creates the contact at its company.
    await db.from('crm_emails').where('organization_id', org.id).whereNotNull('contact_id').delete()
    await db.from('crm_phones').where('organization_id', org.id).whereNotNull('contact_id').delete()
    await db.from('crm_contacts').where('organization_id', org.id).delete()
    const real = JSON.parse((await runCommand(['crm.contacts', path, '--json'])).logs[0])
    assert.deepEqual(real.totals, { created: 1, updated: 0, duplicates: 0, rejected: 0 })
    const contact = await db.from('crm_contacts').where('organization_id', org.id).first()
    assert.include(contact, { first_name: 'Ana', last_name: 'García', company_id: company.id })
  })
})
