import { test } from '@japa/runner'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import schemaCompiler from '@cubejs-backend/schema-compiler'
import { nativeStub } from '../../engine/native_stub.js'

const SCHEMA = fileURLToPath(new URL('../../../../cube/schema/', import.meta.url))

/** Every file under cube/schema, recursively, as a stock Cube server's FileRepository reads it. */
async function repositoryFiles(dir = SCHEMA): Promise<{ fileName: string; content: string }[]> {
  const files = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) files.push(...(await repositoryFiles(path)))
    else files.push({ fileName: relative(SCHEMA, path), content: await readFile(path, 'utf8') })
  }
  return files
}

/**
 * cube/schema compiled the way a stock Cube server compiles its schema path: every file, the
 * schema compiler's own prepareCompiler, no app code. The only stand-in is the Jinja engine of
 * the Rust module (absent here), which plain YAML never uses.
 */
test.group('Analytics · cube/schema under a stock Cube compiler', () => {
  test('compiles with no errors; cubes private, views public; plain YAML only', async ({
    assert,
  }) => {
    const files = await repositoryFiles()
    assert.isAbove(files.length, 4)
    for (const file of files) {
      assert.match(file.fileName, /\.ya?ml$/, `${file.fileName}: YAML models only`)
      assert.notMatch(file.content, /\{%|\{\{/, `${file.fileName}: no Jinja`)
    }
    const compilers = schemaCompiler.prepareCompiler(
      { localPath: () => SCHEMA, dataSchemaFiles: async () => files },
      { nativeInstance: nativeStub as any }
    )
    await compilers.compiler.compile()
    const cubes = (compilers.metaTransformer.cubes as any[]).map((c) => c.config)
    const views = cubes.filter((c) => c.type === 'view')
    assert.includeMembers(
      views.map((v) => v.name),
      [
        'crm_pipeline',
        'crm_leads_overview',
        'crm_activities_overview',
        'crm_overview',
        'crm_quota_attainment',
      ]
    )
    for (const cube of cubes)
      assert.equal(cube.public, cube.type === 'view', `${cube.name}: cubes private, views public`)
    // Every cube a user can reach through a view carries the columns the gateway scopes by.
    const evaluator = compilers.cubeEvaluator as any
    for (const cube of cubes.filter((c) => c.type === 'cube')) {
      const definition = evaluator.cubeFromPath(cube.name)
      assert.property(definition.dimensions, 'organization_id', cube.name)
      if (definition.meta?.scope_resource)
        assert.property(definition.dimensions, 'owner_id', cube.name)
    }
    // Compiling the whole model takes seconds on a busy machine (10 s under CI's load).
  }).timeout(60_000)

  test('the Jinja stand-in refuses to render, so a templated model fails loudly', async ({
    assert,
  }) => {
    const files = [
      {
        fileName: 'x/templated.yml',
        content: 'cubes:\n  - name: t\n    sql: "SELECT {{ 1 }} AS id"\n    dimensions: []\n',
      },
    ]
    const compilers = schemaCompiler.prepareCompiler(
      { localPath: () => SCHEMA, dataSchemaFiles: async () => files },
      { nativeInstance: nativeStub as any }
    )
    await assert.rejects(() => compilers.compiler.compile(), /plain YAML/)
  })
})
