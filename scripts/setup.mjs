// npm run setup: dependencies, .env, production build, migrations and Spanish demo data.
// Safe to run again: migrations only run when pending and the demo is seeded only once.
import { existsSync, symlinkSync, lstatSync } from 'node:fs'
import { join } from 'node:path'
import {
  ROOT,
  checkNode,
  ensureDataDir,
  ensureEnvFile,
  installDependencies,
  run,
  say,
} from './lib.mjs'

checkNode()
installDependencies()
ensureEnvFile()
ensureDataDir()

say('building (TypeScript + front end)…')
// Route and page types are generated from the routes of every registered module first.
run('node', ['ace', 'codegen'], { NODE_ENV: 'production' })
run('node', ['ace', 'build'], { NODE_ENV: 'production' })
// The build runs against the repository's node_modules (also the path module packages use).
const link = join(ROOT, 'build', 'node_modules')
if (!existsSync(link)) {
  try {
    lstatSync(link)
  } catch {
    symlinkSync('../node_modules', link, 'dir')
  }
}

const prod = { NODE_ENV: 'production', ENV_PATH: ROOT, TZ: 'UTC' }
say('migrating the database…')
run('node', ['build/ace.js', 'migration:run', '--force'], prod)
say('seeding demo data (skipped if already there)…')
run('node', ['build/ace.js', 'db:seed'], prod)
say('ready: run `npm start` and open http://127.0.0.1:3333 (admin@demo.cartera.es / cartera-demo)')
