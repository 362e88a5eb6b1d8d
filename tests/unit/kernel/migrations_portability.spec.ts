import { test } from '@japa/runner'
import { readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import knex from 'knex'
import app from '@adonisjs/core/services/app'
import { moduleRegistry, APP_ROOT } from '#app/registry/main'

/**
 * No SQL Server can run on our machines, so every migration (kernel and modules) is compiled
 * to each dialect's DDL here: it must build, and the T-SQL must avoid what SQL Server rejects
 * (cascading or SET NULL actions, which create "multiple cascade paths").
 */
async function migrationFiles(): Promise<string[]> {
  const registry = await moduleRegistry()
  const folders = ['database/migrations', ...registry.migrationPaths(APP_ROOT)]
  return folders.flatMap((folder) => {
    const dir = app.makePath(folder)
    if (!existsSync(dir)) return []
    return readdirSync(dir)
      .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
      .sort()
      .map((f) => join(dir, f))
  })
}

async function compile(file: string, client: string): Promise<string[]> {
  const builder = knex({ client, useNullAsDefault: true })
  const fakeDb = {
    get schema() {
      return builder.schema
    },
    dialect: { name: client },
    debug: false,
    knexRawQuery: (sql: string, bindings?: any) => builder.raw(sql, bindings),
  }
  const { default: Migration } = await import(pathToFileURL(file).href)
  const migration = new Migration(fakeDb, file, true)
  const queries: any[] = await migration.execUp()
  await builder.destroy()
  return queries.flat().map((q: any) => (typeof q === 'string' ? q : q.sql))
}

test.group('Migrations on every supported database', () => {
  for (const client of ['mssql', 'mysql2', 'better-sqlite3']) {
    test(`every migration compiles to ${client} DDL`, async ({ assert }) => {
      const files = await migrationFiles()
      assert.isAbove(files.length, 8)
      for (const file of files) {
        const sql = (await compile(file, client)).join(';\n')
        assert.isAbove(sql.length, 10, `${file} produced no DDL`)
        if (process.env.PRINT_DDL) console.log(`-- ${file}\n${sql}`)
        if (client === 'mssql') {
          assert.notMatch(
            sql,
            /on delete (cascade|set null)/i,
            `${file}: SQL Server rejects multiple cascade paths`
          )
          assert.notMatch(sql, /on update cascade/i, `${file}: no ON UPDATE CASCADE`)
        }
      }
    })
  }
})
