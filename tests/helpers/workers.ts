import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import db from '@adonisjs/lucid/services/db'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** A `node ace queue:work` process on the test database. */
export interface WorkerProcess {
  pid: number
  child: ChildProcess
  output: () => string
  /** SIGTERM (running jobs finish), then SIGKILL after 15 s. */
  stop: () => Promise<void>
  /** SIGKILL: a crash or a power cut, mid-job. */
  kill: () => Promise<void>
}

const running = new Set<WorkerProcess>()

/**
 * Starts a separate worker process (`node ace queue:work`) on the same database as the tests
 * and resolves once it polls. Short idle delay and stalled threshold so tests run in seconds.
 */
export function startWorker(env: Record<string, string> = {}): Promise<WorkerProcess> {
  return startProcess(['ace', 'queue:work'], 'Starting worker', env)
}

/**
 * Starts the web server as `npm start` runs it (bin/server, mode "run"), on a free port, and
 * resolves once it listens.
 */
export function startServer(env: Record<string, string> = {}): Promise<WorkerProcess> {
  return startProcess(['--import=@poppinss/ts-exec', 'bin/server.ts'], 'started HTTP server', {
    PORT: '0',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    ...env,
  })
}

async function startProcess(
  args: string[],
  readyLine: string,
  env: Record<string, string>
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      QUEUE_IDLE_DELAY: '100ms',
      QUEUE_STALLED_THRESHOLD: '3s',
      QUEUE_CONCURRENCY: '2',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const ended = () => child.exitCode !== null || child.signalCode !== null
  const worker: WorkerProcess = {
    pid: child.pid!,
    child,
    output: () => output,
    async stop() {
      running.delete(worker)
      if (ended()) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
    async kill() {
      running.delete(worker)
      if (ended()) return
      child.kill('SIGKILL')
      await exited
    },
  }
  running.add(worker)
  const deadline = Date.now() + 60_000
  while (!output.includes(readyLine)) {
    if (ended()) throw new Error(`${args.join(' ')} exited at start:\n${output}`)
    if (Date.now() > deadline) {
      await worker.kill()
      throw new Error(`${args.join(' ')} not ready within 60 s:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return worker
}

/** Runs an ace command to its end (e.g. `jobs:probe` to queue from another process). */
export function ace(args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(process.execPath, ['ace', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
  })
  if (result.status !== 0)
    throw new Error(`node ace ${args.join(' ')}:\n${result.stdout}${result.stderr}`)
  return result.stdout
}

/** Stops every worker a test left running. */
export async function stopWorkers() {
  await Promise.all([...running].map((w) => w.stop()))
}

/** Waits until `check` holds, polling the database. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Empties the queue's and the job history's tables (tests without a global transaction). */
export async function emptyQueueTables() {
  for (const table of ['queue_jobs', 'queue_schedules', 'kernel_job_runs', 'kernel_job_probes']) {
    await db.from(table).delete()
  }
}
