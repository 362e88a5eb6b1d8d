import { test } from '@japa/runner'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import {
  allFindings,
  checkAgainstBaseline,
  describeFindings,
  findingKey,
  type Finding,
} from './support/boundaries.js'
import { checkDynamicImports, tableRefs } from './support/source_rules.js'

const BAD = () => app.makePath('tests/fixtures/bad_modules')
const keys = (findings: Finding[], rule: string) =>
  findings
    .filter((f) => f.rule === rule)
    .map((f) => `${f.from} → ${f.to}`)
    .sort()

test.group('Architecture · source rules catch what imports cannot show', (group) => {
  let findings: Finding[]
  group.setup(async () => {
    findings = (await allFindings(BAD())).findings
  })

  test("SQL naming another module's tables or a kernel-private table is reported", ({ assert }) => {
    assert.deepEqual(keys(findings, 'sql-foreign-table'), [
      'modules/ventas/actions/constants_sql.ts → audit_logs',
      'modules/ventas/actions/customer_sql.ts → crm_addresses',
      'modules/ventas/actions/customer_sql.ts → crm_companies',
      'modules/ventas/actions/customer_sql.ts → crm_contacts',
      'modules/ventas/actions/customer_sql.ts → timeline_events',
      'modules/ventas/database/migrations/0002_alter_crm_companies_table.ts → crm_companies',
    ])
    assert.notInclude(describeFindings(findings), '→ users', 'users is a shared kernel table')
    assert.notInclude(describeFindings(findings), '→ organizations')
    assert.notInclude(describeFindings(findings), '→ ventas_', "a module's own tables are fine")
    assert.notInclude(describeFindings(findings), 'crm_company_id', 'a column is no table')
  })

  test("a module's migrations create and alter only their own prefix", ({ assert }) => {
    assert.deepEqual(keys(findings, 'migration-foreign-ddl'), [
      'modules/ventas/database/migrations/0002_alter_crm_companies_table.ts → crm_companies',
      'modules/ventas/database/migrations/0002_alter_crm_companies_table.ts → quotes',
    ])
  })

  test("the kernel names no module's table", ({ assert }) => {
    assert.deepEqual(keys(findings, 'kernel-sql-names-module-table'), [
      'app/support/report_sql.ts → crm_companies',
    ])
  })

  test('import() of a variable or a template is reported; a literal path is not', ({ assert }) => {
    assert.deepEqual(keys(findings, 'dynamic-import'), [
      'modules/ventas/services/lazy.ts → import(`#modules/crm/contracts/${name}`)',
      'modules/ventas/services/lazy.ts → import(path)',
    ])
  })

  test('private files re-exported or aliased through contracts/ are reported; events/ and dto/ and own code are not', ({
    assert,
  }) => {
    assert.deepEqual(keys(findings, 'contracts-reexport-private'), [
      'modules/crm/contracts/leaky.ts → * from ../services/secret.js',
      'modules/crm/contracts/leaky.ts → CompanyModel from ../models/company.js',
      'modules/crm/contracts/leaky.ts → Shape from ../services/secret.js',
      'modules/crm/contracts/leaky.ts → default from ../models/company.js',
      'modules/crm/contracts/leaky.ts → score from ../services/secret.js',
      'modules/crm/contracts/leaky.ts → secretScore from ../services/secret.js',
    ])
  })

  test('an optional dependency is reached through events/ only (dependency-cruiser and the manifest check)', ({
    assert,
  }) => {
    assert.deepEqual(keys(findings, 'optional-dependency-beyond-events-marketing'), [
      'modules/marketing/listeners/on_company_created.ts → modules/crm/contracts/companies.ts',
    ])
    assert.deepEqual(keys(findings, 'manifest-imports-optional-beyond-events'), [
      'modules/marketing/listeners/on_company_created.ts → modules/crm/contracts/companies.js',
    ])
    assert.notInclude(describeFindings(findings), 'crm/events/company_created')
  })

  test('resources/js imports no module, and globs modules only as modules/*', ({ assert }) => {
    assert.deepEqual(keys(findings, 'shell-imports-module'), [
      'resources/js/pages/home.tsx → modules/crm/pages/companies/index.tsx',
    ])
    assert.deepEqual(keys(findings, 'shell-globs-module'), [
      'resources/js/pages/home.tsx → ../../../modules/crm/lang/*.json',
    ])
  })
})

test.group('Architecture · type-only DTOs shared by actions and pages', (group) => {
  let findings: Finding[]
  group.setup(async () => {
    findings = (await allFindings(BAD())).findings
  })

  test("dto/ files and the shell's DTO hold types only; interfaces, aliases and import type pass", ({
    assert,
  }) => {
    assert.deepEqual(keys(findings, 'dto-only-types'), [
      'app/ui/dto.ts → export const EMPTY_SHELL: Shell = { user: null }',
      "modules/crm/dto/leaky_dto.ts → export const KINDS = ['fiscal', 'envio']",
      'modules/crm/dto/leaky_dto.ts → export function rowLabel(row: CompanyRow) {',
      "modules/crm/dto/leaky_dto.ts → import * as everything from './company_dto.js'",
    ])
    assert.notInclude(describeFindings(findings), 'company_dto.ts:', 'a file of types passes')
  })

  test('pages take dto/ as types only; dto files import only their own dto/, type-only', ({
    assert,
  }) => {
    assert.deepEqual(keys(findings, 'page-imports-dto-value'), [
      'modules/crm/pages/companies/index.tsx → modules/crm/dto/leaky_dto.ts',
    ])
    assert.notInclude(
      keys(findings, 'page-imports-server-code').join('\n'),
      'dto/',
      "a page's own dto/ is no server code"
    )
    assert.deepEqual(keys(findings, 'dto-imports-value'), [
      'modules/crm/dto/leaky_dto.ts → modules/crm/dto/company_dto.ts',
    ])
    assert.deepEqual(keys(findings, 'shared-with-pages-imports'), [
      'app/ui/dto.ts → app/support/report_sql.ts',
    ])
  })
})

test.group('Architecture · the table scanner', (group) => {
  let dir: string
  group.each.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cartera-sql-'))
    return () => rm(dir, { recursive: true, force: true })
  })

  test('sees query builders, schema calls, raw SQL, templates and models; ignores column names', async ({
    assert,
  }) => {
    const file = join(dir, 'sample.ts')
    await writeFile(
      file,
      [
        "db.from('a_one').where('b_col', 1)",
        "db.query().from({ x: 'a_two' })",
        "q.innerJoin('a_three as t', 't.id', 'q.id')",
        'db.rawQuery(`SELECT * FROM "a_four" WHERE id = ${id}`)',
        "this.schema.table('a_five', (t) => t.string('a_col'))",
        "db.table('a_six').insert({})",
        "class M { static table = 'a_seven' }",
        "schema.raw('ALTER TABLE a_eight ADD x int')",
      ].join('\n')
    )
    const refs = tableRefs(file)
    const explicit = refs.filter((r) => r.explicit).map((r) => `${r.table}:${r.ddl ? 'ddl' : 'q'}`)
    assert.includeMembers(explicit, [
      'a_one:q',
      'a_two:q',
      'a_three:q',
      'a_four:q',
      'a_five:ddl',
      'a_six:q',
      'a_seven:q',
      'a_eight:ddl',
    ])
    assert.notInclude(explicit.join(' '), 'b_col')
    assert.notInclude(explicit.join(' '), 'a_col')
  })

  test('the dynamic-import allow-list names files, each with a reason', async ({ assert }) => {
    await mkdir(join(dir, 'app/registry'), { recursive: true })
    await writeFile(
      join(dir, 'app/registry/loader.ts'),
      'export const l = (p: string) => import(p)\n'
    )
    assert.lengthOf(checkDynamicImports(dir), 0)
    assert.lengthOf(checkDynamicImports(dir, {}), 1)
  })
})

test.group('Architecture · the known-violations baseline only shrinks', (group) => {
  let root: string
  group.each.setup(async () => {
    root = await mkdtemp(join(tmpdir(), 'cartera-baseline-'))
    await writeFile(join(root, 'package.json'), JSON.stringify({ type: 'module' }))
    await mkdir(join(root, 'modules/crm'), { recursive: true })
    await mkdir(join(root, 'modules/ventas/actions'), { recursive: true })
    for (const name of ['crm', 'ventas'])
      await writeFile(
        join(root, `modules/${name}/module.ts`),
        `export default { name: '${name}', dependsOn: [] }\n`
      )
    await writeFile(
      join(root, 'modules/ventas/actions/read.ts'),
      "export const read = (db: any) => db.from('crm_companies')\n"
    )
    return () => rm(root, { recursive: true, force: true })
  })

  const listed: Finding = {
    rule: 'sql-foreign-table',
    from: 'modules/ventas/actions/read.ts',
    to: 'crm_companies',
  }

  test('without a baseline the violation is new', async ({ assert }) => {
    const { fresh, stale } = await checkAgainstBaseline(root, ['modules'])
    assert.deepEqual(fresh.map(findingKey), [findingKey(listed)])
    assert.deepEqual(stale, [])
  })

  test('a listed violation passes; a new one next to it fails', async ({ assert }) => {
    await writeFile(join(root, '.boundaries-baseline.json'), JSON.stringify([listed]))
    assert.deepEqual((await checkAgainstBaseline(root, ['modules'])).fresh, [])
    await writeFile(
      join(root, 'modules/ventas/actions/more.ts'),
      "export const more = (db: any) => db.rawQuery('select * from crm_contacts')\n"
    )
    const { fresh } = await checkAgainstBaseline(root, ['modules'])
    assert.deepEqual(fresh.map(findingKey), [
      'sql-foreign-table | modules/ventas/actions/more.ts → crm_contacts',
    ])
  })

  test('a fixed violation still listed fails as stale, so the baseline shrinks', async ({
    assert,
  }) => {
    await writeFile(join(root, '.boundaries-baseline.json'), JSON.stringify([listed]))
    await writeFile(
      join(root, 'modules/ventas/actions/read.ts'),
      'export const read = () => null\n'
    )
    const { fresh, stale } = await checkAgainstBaseline(root, ['modules'])
    assert.deepEqual(fresh, [])
    assert.deepEqual(stale.map(findingKey), [findingKey(listed)])
  })
})
