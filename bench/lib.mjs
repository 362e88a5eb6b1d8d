// Helpers shared by the benches that start the production server (run.mjs, lists.mjs,
// navigation.mjs). Plain Node, like scripts/lib.mjs.
import { spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import { ROOT } from '../scripts/lib.mjs'

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Runs a command in the repository root; its output is shown only when it fails. */
export function run(cmd, args, env) {
  const result = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    process.stdout.write(result.stdout + result.stderr)
    throw new Error(`failed: ${cmd} ${args.join(' ')}`)
  }
  return result.stdout
}

/** Waits until `url` answers 2xx, failing early when the server `child` exits. */
export async function waitFor(url, child, seconds = 60) {
  const until = Date.now() + seconds * 1000
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode})`)
    try {
      if ((await fetch(url)).ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${url} did not answer within ${seconds} s`)
}
