// npm run demo:reset: drops every table of the configured database and loads the Spanish demo
// data again (what `npm run setup` loads the first time). Asks first unless given --yes.
import { createInterface } from 'node:readline/promises'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { ROOT, checkNode, run, say } from './lib.mjs'

checkNode()
if (!existsSync(join(ROOT, 'build', 'ace.js'))) {
  say('no build found: run `npm run setup` first')
  process.exit(1)
}
if (!process.argv.includes('--yes')) {
  if (!process.stdin.isTTY) {
    say(
      'this deletes every record of the configured database; run `npm run demo:reset -- --yes` to confirm'
    )
    process.exit(1)
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  const answer = await rl.question(
    'This deletes EVERY record of the configured database. Type "borrar" to go on: '
  )
  rl.close()
  if (answer.trim().toLowerCase() !== 'borrar') {
    say('nothing was changed')
    process.exit(1)
  }
}
const env = { NODE_ENV: 'production', ENV_PATH: ROOT, TZ: 'UTC' }
const setting = (name) =>
  process.env[name] ||
  new RegExp(`^${name}=(.*)$`, 'm').exec(readFileSync(join(ROOT, '.env'), 'utf8'))?.[1]?.trim()
if ((setting('DB_CONNECTION') || 'sqlite') === 'sqlite') {
  // SQLite: a new file. Dropping every table one by one trips over the search index's FTS5
  // shadow tables, which go with their virtual table.
  const dataDir = setting('DATA_DIR') || 'storage'
  const file =
    setting('SQLITE_PATH') ||
    join(isAbsolute(dataDir) ? dataDir : resolve(ROOT, dataDir), 'cartera.sqlite3')
  say(`deleting ${file} and migrating again…`)
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
  run('node', ['build/ace.js', 'migration:run', '--force'], env)
} else {
  say('dropping the tables and migrating again…')
  run('node', ['build/ace.js', 'migration:fresh', '--force'], env)
}
say('loading the demo data…')
run('node', ['build/ace.js', 'db:seed'], env)
say('done: sign in with admin@demo.cartera.es / cartera-demo')
