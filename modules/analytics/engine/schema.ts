import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import schemaCompiler from '@cubejs-backend/schema-compiler'
import { nativeStub } from './native_stub.js'

/** One model file, named relative to the schema root as Cube's FileRepository names it. */
export interface SchemaFile {
  fileName: string
  content: string
}

/** What Cube's prepareCompiler returns (its own types are looser than useful here). */
export type CubeCompilers = ReturnType<typeof schemaCompiler.prepareCompiler>

const MODEL_FILE = /\.(ya?ml|js|jinja|py)$/

/**
 * Every model file under `schemaRoot` (or only under its `folders`), recursively, the way a
 * stock Cube server's FileRepository collects its schema path.
 */
export async function schemaFiles(schemaRoot: string, folders?: string[]): Promise<SchemaFile[]> {
  const files: SchemaFile[] = []
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (MODEL_FILE.test(entry.name))
        files.push({
          fileName: relative(schemaRoot, path).split(sep).join('/'),
          content: await readFile(path, 'utf8'),
        })
    }
  }
  for (const folder of folders ?? ['.']) await walk(join(schemaRoot, folder))
  return files
}

/**
 * Compiles model files with Cube's own schema compiler. The only difference from a stock Cube
 * server is the Jinja stand-in (native_stub.ts): plain YAML compiles the same either way.
 * Throws Cube's CompileError (with every problem listed) when the model is invalid.
 */
export async function compileSchema(schemaRoot: string, files: SchemaFile[]) {
  // Rollups go to the source database (there is no Cube Store in-process); a stock Cube
  // server keeps Cube's default, Cube Store.
  process.env.CUBEJS_EXTERNAL_DEFAULT ??= 'false'
  const repository = { localPath: () => schemaRoot, dataSchemaFiles: async () => files }
  const compilers = schemaCompiler.prepareCompiler(repository, {
    nativeInstance: nativeStub as any,
    standalone: true,
  })
  await compilers.compiler.compile()
  return compilers
}
