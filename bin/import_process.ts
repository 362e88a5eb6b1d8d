import { spawn } from 'node:child_process'
import { constants } from 'node:os'

/*
 * A process that imports holds a whole file's keys for its length: it starts with a smaller
 * young generation (V8 reserves up to 3 × 16 MB for it by default) and two malloc arenas instead
 * of one per thread, which took the peak memory of a 100,000-line import from about 440 to about
 * 330 MB (with app/import/memory.ts). Both must be given when the process starts, so
 * `node ace import` starts itself again once with them. bench/import.mjs uses the same settings.
 */

export const IMPORT_NODE_FLAGS = ['--max-semi-space-size=8', '--expose-gc']
export const IMPORT_ENV = { MALLOC_ARENA_MAX: '2' }

const MARK = 'CARTERA_IMPORT_PROCESS'

/**
 * Runs the ace command line again in a child process with those settings when it is
 * `import` (and this is not that child). Returns whether it did: the caller then does nothing
 * else, and this process ends with the child's exit code.
 */
export function rerunForImport(argv: string[]): boolean {
  const command = argv.find((a) => !a.startsWith('-'))
  if (command !== 'import' || process.env[MARK]) return false
  const child = spawn(
    process.execPath,
    [...IMPORT_NODE_FLAGS, ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit', env: { ...IMPORT_ENV, ...process.env, [MARK]: '1' } }
  )
  // Ctrl+C in a terminal reaches the whole process group (the child too); a kill aimed at
  // this process alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      if (!process.stdin.isTTY || signal !== 'SIGINT') child.kill(signal)
    })
  child.on('error', (error) => {
    console.error(error.message)
    process.exitCode = 1
  })
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 0)
  })
  return true
}
