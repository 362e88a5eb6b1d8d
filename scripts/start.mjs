// npm start: runs pending migrations and serves the production build on HOST:PORT
// (default 127.0.0.1:3333).
import { existsSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { ROOT, ensureDataDir, run, say } from './lib.mjs'

if (!existsSync(join(ROOT, 'build', 'bin', 'server.js')) || !existsSync(join(ROOT, '.env'))) {
  say('no build found: run `npm run setup` first')
  process.exit(1)
}
ensureDataDir()
const env = { ...process.env, NODE_ENV: 'production', ENV_PATH: ROOT, TZ: 'UTC' }
run('node', ['build/ace.js', 'migration:run', '--force'], env)
const server = spawn('node', ['build/bin/server.js'], { cwd: ROOT, stdio: 'inherit', env })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill('SIGTERM'))
server.on('exit', (code) => process.exit(code ?? 0))
