import { test } from '@japa/runner'
import { mkdtemp, writeFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import ExcelJS from 'exceljs'
import { detectDelimiter, detectEncoding, readRows, sniff } from '#app/import/read'
import { neutralize } from '#app/import/engine'
import { ImportFileError } from '#app/import/errors'

async function collect(path: string, options: Parameters<typeof readRows>[1]) {
  const rows = []
  for await (const row of readRows(path, options)) rows.push(row)
  return rows
}

test.group('Import: reading files', (group) => {
  let dir = ''
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cartera-import-'))
    return () => rm(dir, { recursive: true, force: true })
  })

  test('encodings: UTF-8 with and without BOM, windows-1252, ISO-8859-1', async ({ assert }) => {
    const text = 'Nombre;Localidad\r\nÁlvaro Núñez;Logroño\r\n'
    assert.equal(detectEncoding(Buffer.from(`\uFEFF${text}`)), 'utf-8')
    assert.equal(detectEncoding(Buffer.from(text)), 'utf-8')
    assert.equal(detectEncoding(iconv.encode(`${text}“€”`, 'windows-1252')), 'windows-1252')
    assert.equal(detectEncoding(iconv.encode(text, 'iso-8859-1')), 'iso-8859-1')
    const path = join(dir, 'latin.csv')
    await writeFile(path, iconv.encode(text, 'windows-1252'))
    const options = await sniff(path, 'csv')
    assert.equal(options.encoding, 'iso-8859-1')
    const rows = await collect(path, options)
    assert.deepEqual(rows[1].cells, ['Álvaro Núñez', 'Logroño'])
    const bom = join(dir, 'bom.csv')
    await writeFile(bom, Buffer.from(`\uFEFF${text}`))
    assert.deepEqual((await collect(bom, await sniff(bom, 'csv')))[0].cells, [
      'Nombre',
      'Localidad',
    ])
  })

  test('a wrong encoding override shows unreadable characters', async ({ assert }) => {
    const path = join(dir, 'wrong.csv')
    await writeFile(path, iconv.encode('Nombre\r\nLogroño\r\n', 'iso-8859-1'))
    const rows = await collect(path, { format: 'csv', encoding: 'utf-8', delimiter: ';' })
    assert.include(rows[1].cells[0], '\uFFFD')
  })

  test('delimiters are detected', ({ assert }) => {
    assert.equal(detectDelimiter('a;b;c\n1;2;3\n'), ';')
    assert.equal(detectDelimiter('a,b,c\n1,2,3\n'), ',')
    assert.equal(detectDelimiter('a\tb\n1\t2\n'), '\t')
    assert.equal(detectDelimiter('a|b\n1|2\n'), '|')
    assert.equal(detectDelimiter('"x;y",b,c\n"1;2",2,3\n'), ',')
  })

  test('empty files and a 10 MB single line are refused cleanly', async ({ assert }) => {
    const empty = join(dir, 'empty.csv')
    await writeFile(empty, '')
    await assert.rejects(() => sniff(empty, 'csv'), ImportFileError)
    const blank = join(dir, 'blank.csv')
    await writeFile(blank, '\r\n\r\n  \r\n')
    await assert.rejects(() => sniff(blank, 'csv'), ImportFileError)
    const long = join(dir, 'long.csv')
    await writeFile(long, 'x'.repeat(10 * 1024 * 1024))
    try {
      await sniff(long, 'csv')
      assert.fail('accepted')
    } catch (error) {
      assert.instanceOf(error, ImportFileError)
      assert.equal((error as ImportFileError).key, 'import.errors.line_too_long')
    }
    const later = join(dir, 'later.csv')
    await writeFile(later, `Nombre\r\nA\r\n${'y'.repeat(10 * 1024 * 1024)}\r\n`)
    const before = process.memoryUsage().rss
    try {
      await collect(later, { format: 'csv', encoding: 'utf-8', delimiter: ';' })
      assert.fail('accepted')
    } catch (error) {
      assert.equal((error as ImportFileError).key, 'import.errors.line_too_long')
      assert.equal((error as ImportFileError).values.line, 3)
    }
    assert.isBelow(process.memoryUsage().rss - before, 200 * 1024 * 1024)
  })

  test('formulas are neutralised; our export guard is undone', ({ assert }) => {
    assert.equal(neutralize('=HYPERLINK("http://x")'), `'=HYPERLINK("http://x")`)
    assert.equal(neutralize('@SUM(A1)'), `'@SUM(A1)`)
    assert.equal(neutralize("'-5% descuento"), '-5% descuento')
    assert.equal(neutralize("'=1+1"), `'=1+1`)
    assert.equal(neutralize('+34 600 11 22 33'), '+34 600 11 22 33')
  })

  test('XLSX: first sheet by default, another by name, formulas give their value', async ({
    assert,
  }) => {
    const wb = new ExcelJS.Workbook()
    const first = wb.addWorksheet('Clientes')
    first.addRow(['Nombre', 'Total'])
    first.addRow(['Acme', { formula: '1+1', result: 2 }])
    const second = wb.addWorksheet('Proveedores')
    second.addRow(['Nombre'])
    second.addRow(['Suministros Norte'])
    const path = join(dir, 'book.xlsx')
    await wb.xlsx.writeFile(path)
    const sniffed = await sniff(path, 'xlsx')
    assert.deepEqual(sniffed.sheets, ['Clientes', 'Proveedores'])
    assert.equal(sniffed.sheet, 'Clientes')
    const rows = await collect(path, sniffed)
    assert.deepEqual(rows[1].cells, ['Acme', '2'])
    const other = await collect(path, { format: 'xlsx', sheet: 'Proveedores' })
    assert.deepEqual(
      other.map((r) => r.cells[0]),
      ['Nombre', 'Suministros Norte']
    )
    const fake = join(dir, 'fake.xlsx')
    await writeFile(fake, 'Nombre;x\r\n')
    await assert.rejects(() => sniff(fake, 'xlsx'), ImportFileError)
  })
})
