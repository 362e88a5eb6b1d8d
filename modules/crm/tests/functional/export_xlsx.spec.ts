import { test } from '@japa/runner'
import { ApiRequest } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import ExcelJS from 'exceljs'
import { createOrganization } from '#tests/helpers/world'
import { XLSX_CONTENT_TYPE } from '#app/support/xlsx'
import { crmUser, insertCompany, insertContact } from '../helpers.js'

/** The CSV export's rows as cells (semicolons, double-quoted cells, CRLF), header included. */
function csvRows(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const body = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ';') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += ch
  }
  return rows
}

/** The first sheet's rows as text ('' for an empty cell), and every cell's type. */
async function xlsxRows(buffer: Buffer, width: number) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as any)
  const sheet = workbook.worksheets[0]
  const rows: string[][] = []
  const types = new Set<ExcelJS.ValueType>()
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = []
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c)
      if (cell.value !== null) types.add(cell.type)
      cells.push(cell.value === null ? '' : String(cell.value))
    }
    rows.push(cells)
  })
  return { rows, types, sheet: sheet.name, workbook }
}

const collect = (res: any, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => done(null, Buffer.concat(chunks)))
}

test.group('XLSX export', (group) => {
  group.setup(() => {
    ApiRequest.addParser(XLSX_CONTENT_TYPE, collect)
    return () => ApiRequest.removeParser(XLSX_CONTENT_TYPE)
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a filtered, scoped export: the same rows and cells as the CSV, formulas neutralised, audited alike', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const other = await crmUser(org, 'own')
    const formula = await insertCompany(org, {
      name: '=HYPERLINK("http://malo.example","pulse")',
      legal_name: 'Pérez; Hijos',
      type: 'prospecto',
      owner_id: user.id,
      industry: 'salud',
    })
    await db.table('crm_phones').insert({
      organization_id: org.id,
      company_id: formula,
      value: '+34 600 000 000',
      value_normalized: '+34600000000',
      is_primary: true,
      position: 0,
    })
    const names = [
      '@SUMA(A1)',
      '+34 no es un teléfono',
      '-1+1',
      '\tTabulada',
      'Ñandú "Comillas" S.L.',
    ]
    for (const name of names)
      await insertCompany(org, { name, type: 'prospecto', owner_id: user.id })
    // Filtered out (type), and out of scope (another owner): in neither file.
    await insertCompany(org, {
      name: 'Cliente fuera de filtro',
      type: 'cliente',
      owner_id: user.id,
    })
    await insertCompany(org, { name: 'Prospecto de otro', type: 'prospecto', owner_id: other.id })

    const csv = await client.get('/crm/companies/export?type=prospecto').loginAs(user)
    const xlsx = await client.get('/crm/companies/export/xlsx?type=prospecto').loginAs(user)
    csv.assertStatus(200)
    xlsx.assertStatus(200)
    assert.equal(xlsx.header('content-type'), XLSX_CONTENT_TYPE)
    assert.match(
      xlsx.header('content-disposition') ?? '',
      /^attachment; filename="empresas-\d{4}-\d\d-\d\d\.xlsx"; filename\*=UTF-8''empresas-\d{4}-\d\d-\d\d\.xlsx$/
    )
    assert.equal(xlsx.header('cache-control'), 'no-store')

    const fromCsv = csvRows(csv.text())
    const body = xlsx.body() as Buffer
    assert.isTrue(Buffer.isBuffer(body) && body.subarray(0, 2).toString() === 'PK', 'a zip file')
    const { rows, types, sheet } = await xlsxRows(body, fromCsv[0].length)
    assert.equal(sheet, 'Empresas')
    assert.deepEqual(rows, fromCsv, 'the same header, rows, order and cells')
    assert.lengthOf(rows, 7, 'a header and the six prospects the user owns')
    assert.notInclude(JSON.stringify(rows), 'fuera de filtro')
    assert.notInclude(JSON.stringify(rows), 'de otro')

    // Every cell is text (no formula), neutralised exactly as in the CSV.
    assert.deepEqual([...types], [ExcelJS.ValueType.String])
    assert.includeMembers(
      rows.slice(1).map((r) => r[0]),
      [
        `'=HYPERLINK("http://malo.example","pulse")`,
        "'@SUMA(A1)",
        "'+34 no es un teléfono",
        "'-1+1",
        "'\tTabulada",
        'Ñandú "Comillas" S.L.',
      ]
    )
    const link = rows.find((r) => r[0].includes('HYPERLINK'))!
    assert.include(link, 'Pérez; Hijos')
    assert.include(link, 'Salud')
    assert.include(link, '+34 600 000 000', 'a well-formed phone goes out as typed')

    const audits = await db
      .from('audit_logs')
      .where({ organization_id: org.id, action: 'export', field: 'rows' })
      .select('new_value')
    assert.deepEqual(
      audits.map((a) => String(a.new_value)),
      ['6', '6'],
      'each export (CSV and XLSX) writes the same audit entry'
    )
  })

  test('contacts: the same rows as the CSV; the export permission and the scope apply', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const reader = await crmUser(org, 'all', {}, ['view'])
    await insertContact(org, { first_name: '=1+1', last_name: 'Martín', owner_id: user.id })
    await insertContact(org, { first_name: 'Luis', last_name: 'Ferrer', owner_id: user.id })
    await insertContact(org, { first_name: 'Ajena', last_name: 'Otra', owner_id: reader.id })

    const csv = csvRows((await client.get('/crm/contacts/export').loginAs(user)).text())
    const xlsx = await client.get('/crm/contacts/export/xlsx').loginAs(user)
    assert.match(xlsx.header('content-disposition') ?? '', /filename="contactos-[\d-]+\.xlsx"/)
    const { rows, sheet } = await xlsxRows(xlsx.body() as Buffer, csv[0].length)
    assert.equal(sheet, 'Contactos')
    assert.deepEqual(rows, csv)
    assert.lengthOf(rows, 3)
    assert.include(
      rows.map((r) => r[0]),
      "'=1+1"
    )

    ;(await client.get('/crm/contacts/export/xlsx').loginAs(reader)).assertStatus(403)
  })

  test('in English the header and the sheet are translated', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own', { locale: 'en' } as any)
    await insertCompany(org, { name: 'Acme', owner_id: user.id })
    const xlsx = await client.get('/crm/companies/export/xlsx').loginAs(user)
    assert.match(xlsx.header('content-disposition') ?? '', /filename="companies-[\d-]+\.xlsx"/)
    const { rows, sheet } = await xlsxRows(xlsx.body() as Buffer, 2)
    assert.equal(sheet, 'Companies')
    assert.deepEqual(rows, [
      ['Name', 'Legal name'],
      ['Acme', ''],
    ])
  })
})
