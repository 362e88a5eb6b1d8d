import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import env from '#start/env'
import { defineConfig } from '@adonisjs/lucid'
import { dataPath } from '#app/support/paths'
import { reusePreparedStatements } from '#app/support/sqlite_statements'
import { checkpointInBackground } from '#app/support/sqlite_checkpoints'
import { APP_ROOT, moduleRegistry } from '#app/registry/main'

/**
 * One connection named by DB_CONNECTION: sqlite (default), mysql (MySQL/MariaDB) or mssql.
 * Migration folders come from the module graph: the kernel's first, then each module's in
 * dependency order.
 */
const registry = await moduleRegistry()
const migrations = {
  naturalSort: true,
  paths: ['database/migrations', ...registry.migrationPaths(APP_ROOT)],
}
const seeders = { paths: ['database/seeders'] }
// Models are written by hand; `migration:run` must not write database/schema.ts (it breaks lint).
const schemaGeneration = { enabled: false }
const debug = env.get('DB_DEBUG', false)
const sqliteFile = env.get('SQLITE_PATH') || dataPath('cartera.sqlite3')
// SQLite cannot create the directory of its file; a fresh checkout or DATA_DIR has none yet.
if (env.get('DB_CONNECTION', 'sqlite') === 'sqlite')
  mkdirSync(dirname(sqliteFile), { recursive: true })

const dbConfig = defineConfig({
  connection: env.get('DB_CONNECTION', 'sqlite'),
  prettyPrintDebugQueries: true,
  connections: {
    sqlite: {
      client: 'better-sqlite3',
      connection: { filename: sqliteFile },
      useNullAsDefault: true,
      migrations,
      seeders,
      schemaGeneration,
      debug,
      // One connection (knex's default for SQLite, said here): SQLite has one writer, and
      // `writeMark` (app/support/db.ts) compares marks that mean something on one connection.
      pool: {
        min: 1,
        max: 1,
        afterCreate: (conn: any, done: (err: Error | null, conn: any) => void) => {
          conn.pragma('journal_mode = WAL')
          conn.pragma('foreign_keys = ON')
          conn.pragma('busy_timeout = 5000')
          // What better-sqlite3's build already gives a file opened in WAL mode (fsync at
          // checkpoints, not at every COMMIT), said here so that the connection that first
          // switches a new file to WAL gets it too.
          conn.pragma('synchronous = NORMAL')
          checkpointInBackground(conn, sqliteFile)
          reusePreparedStatements(conn)
          done(null, conn)
        },
      },
    },
    mysql: {
      client: 'mysql2',
      connection: {
        host: env.get('DB_HOST', '127.0.0.1'),
        port: env.get('DB_PORT', 3306),
        user: env.get('DB_USER', 'root'),
        password: env.get('DB_PASSWORD', ''),
        database: env.get('DB_DATABASE', 'cartera'),
        charset: 'utf8mb4',
        timezone: 'Z',
        dateStrings: false,
      },
      migrations,
      seeders,
      schemaGeneration,
      debug,
    },
    mssql: {
      client: 'mssql',
      connection: {
        server: env.get('DB_HOST', '127.0.0.1'),
        port: env.get('DB_PORT', 1433),
        user: env.get('DB_USER', 'sa'),
        password: env.get('DB_PASSWORD', ''),
        database: env.get('DB_DATABASE', 'cartera'),
        options: {
          encrypt: env.get('DB_MSSQL_ENCRYPT', true),
          trustServerCertificate: env.get('DB_MSSQL_TRUST_CERT', false),
        },
      },
      migrations,
      seeders,
      schemaGeneration,
      debug,
    },
  },
})

export default dbConfig
