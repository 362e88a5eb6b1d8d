// CPU time per query through knex on SQLite with the app's statement cache, on a database kept by
// `BENCH_KEEP=1 npm run bench:crm`:
//   node bench/sqlite_queries.mjs tmp/bench-crm-<pid>
// Loads app/support/sqlite_statements.js from the production build (build/, or BENCH_BUILD, to
// compare two builds) and runs 3,000 times each (after 300 to warm up): an opportunity by id with
// `.first()`, a joined `.first()` (opportunity, stage, company), a companies page (`limit 51`).
// Prints the process's CPU time (user + system) per query.
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import knexLib from 'knex'
import { ROOT } from '../scripts/lib.mjs'

const file = join(resolve(process.argv[2] ?? ''), 'bench.sqlite3')
const build = resolve(ROOT, process.env.BENCH_BUILD ?? 'build')
const { reusePreparedStatements } = await import(
  pathToFileURL(join(build, 'app', 'support', 'sqlite_statements.js')).href
)
const knex = knexLib({
  client: 'better-sqlite3',
  connection: { filename: file, readonly: true },
  useNullAsDefault: true,
  pool: {
    afterCreate: (connection, done) => {
      reusePreparedStatements(connection)
      done(null, connection)
    },
  },
})
const ids = (await knex.from('crm_opportunities').select('id').orderBy('id').limit(200)).map(
  (r) => r.id
)
const org = (await knex.from('crm_opportunities').select('organization_id').first()).organization_id
const cases = {
  'opportunity by id, .first()': (i) =>
    knex
      .from('crm_opportunities')
      .where('id', ids[i % ids.length])
      .first(),
  'joined .first() (opportunity, stage, company)': (i) =>
    knex
      .from('crm_opportunities as o')
      .join('crm_pipeline_stages as s', 's.id', 'o.stage_id')
      .leftJoin('crm_companies as c', 'c.id', 'o.company_id')
      .where('o.id', ids[i % ids.length])
      .where('o.organization_id', org)
      .whereNull('o.deleted_at')
      .select('o.*', 's.name as stage_name', 'c.name as company_name')
      .first(),
  'companies page (limit 51)': () =>
    knex
      .from('crm_companies')
      .where('organization_id', org)
      .whereNull('deleted_at')
      .orderBy('name_normalized')
      .orderBy('id')
      .select('id', 'name', 'owner_id')
      .limit(51),
}
const N = 3000
for (const [name, run] of Object.entries(cases)) {
  for (let i = 0; i < 300; i++) await run(i)
  const start = process.cpuUsage()
  for (let i = 0; i < N; i++) await run(i)
  const used = process.cpuUsage(start)
  console.log(`${name}: ${((used.user + used.system) / N).toFixed(1)} µs CPU per query`)
}
await knex.destroy()
