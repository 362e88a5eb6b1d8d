// npm start: runs pending migrations and serves the production build on HOST:PORT
// (default 127.0.0.1:3333), then says where to open it and how to sign in. Logs are readable
// lines here; set LOG_FORMAT=json for a log collector.
import { existsSync, readFileSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { ROOT, checkNode, ensureDataDir, run, say } from './lib.mjs'

checkNode()
if (!existsSync(join(ROOT, 'build', 'bin', 'server.js')) || !existsSync(join(ROOT, '.env'))) {
  say('no build found: run `npm run setup` first')
  process.exit(1)
}
ensureDataDir()
const env = {
  LOG_FORMAT: 'pretty',
  ...process.env,
  NODE_ENV: 'production',
  ENV_PATH: ROOT,
  TZ: 'UTC',
}
run('node', ['build/ace.js', 'migration:run', '--force'], env)
const server = spawn('node', ['build/bin/server.js'], { cwd: ROOT, stdio: 'inherit', env })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill('SIGTERM'))
server.on('exit', (code) => process.exit(code ?? 0))

// Announce the address once the server answers (PORT/HOST from the environment or .env).
const port = process.env.PORT ?? readEnv('PORT') ?? '3333'
const host = process.env.HOST ?? readEnv('HOST') ?? '127.0.0.1'
const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`
for (let i = 0; i < 150 && server.exitCode === null; i++) {
  const ok = await fetch(`${url}/health`).then(
    (r) => r.ok,
    () => false
  )
  if (ok) {
    say(`Cartera is running: open ${url}`)
    say('demo sign-in: admin@demo.cartera.es / cartera-demo (other demo users in README)')
    break
  }
  await new Promise((resolve) => setTimeout(resolve, 200))
}

/** A value from .env (the server reads the same file). */
function readEnv(name) {
  const line = readFileSync(join(ROOT, '.env'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}=`))
  return line ? line.slice(name.length + 1).trim() || null : null
}
