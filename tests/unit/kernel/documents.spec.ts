import { test } from '@japa/runner'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { detectContentType } from '#app/documents/content_type'
import { cleanFileName } from '#app/documents/documents'
import { contentDisposition } from '#app/documents/download'

test.group('Documents: content type from the bytes', (group) => {
  let dir: string
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cartera-sniff-'))
    return () => rm(dir, { recursive: true, force: true })
  })

  const sniff = async (content: Buffer | string, name: string) => {
    const path = join(dir, `f-${Math.random().toString(36).slice(2)}`)
    await writeFile(path, content)
    return detectContentType(path, name)
  }

  test('the name never decides what a file is', async ({ assert }) => {
    const cases: [Buffer | string, string, string, boolean][] = [
      ['%PDF-1.7\n%%EOF', 'sin-extension', 'application/pdf', true],
      ['%PDF-1.7\n%%EOF', 'foto.jpg', 'application/pdf', true],
      ['<html><body>x</body></html>', 'factura.pdf', 'text/html', false],
      ['  \n<?xml version="1.0"?><svg/>', 'logo.svg', 'text/html', false],
      ['\uFEFF<script>alert(1)</script>', 'datos.csv', 'text/html', false],
      ['a;b\n1;2\n', 'datos.csv', 'text/csv', true],
      ['a;b\n1;2\n', 'datos.txt', 'text/plain', true],
      ['a;b\n1;2\n', 'datos.exe', 'text/plain', true],
      [
        Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0)]),
        'setup.pdf',
        'application/x-msdownload',
        false,
      ],
      [
        Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        'a.txt',
        'application/x-elf',
        false,
      ],
      [Buffer.from([1, 0, 2, 0, 3]), 'a.csv', 'application/octet-stream', false],
      ['', 'vacio.txt', 'application/octet-stream', false],
    ]
    for (const [content, name, type, allowed] of cases) {
      const found = await sniff(content, name)
      assert.deepEqual(found, { contentType: type, allowed }, name)
    }
  })

  test('an Excel workbook is told apart from a plain ZIP by its contents', async ({ assert }) => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Hoja').addRow(['a', 1])
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer())
    assert.deepEqual(await sniff(xlsx, 'informe.zip'), {
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      allowed: true,
    })
  })
})

test.group('Documents: names', () => {
  test('file names lose folders and control characters', ({ assert }) => {
    assert.equal(cleanFileName('C:\\Users\\ana\\oferta.pdf'), 'oferta.pdf')
    assert.equal(cleanFileName('../../etc/passwd'), 'passwd')
    assert.equal(cleanFileName('a\r\nb\u0000.pdf'), 'ab.pdf')
    assert.equal(cleanFileName('   '), 'documento')
    const long = cleanFileName(`${'x'.repeat(300)}.pdf`)
    assert.isAtMost(long.length, 200)
    assert.isTrue(long.endsWith('.pdf'))
  })

  test('Content-Disposition: attachment, ASCII fallback and RFC 5987 filename*', ({ assert }) => {
    assert.equal(
      contentDisposition('Año «2026» (v2)*.pdf'),
      `attachment; filename="Ano _2026_ (v2)*.pdf"; filename*=UTF-8''A%C3%B1o%20%C2%AB2026%C2%BB%20%28v2%29%2A.pdf`
    )
    assert.equal(
      contentDisposition('a"b\\c;d%.txt'),
      `attachment; filename="a_b_c_d_.txt"; filename*=UTF-8''a%22b%5Cc%3Bd%25.txt`
    )
  })
})
