import { createWorker } from '#app/jobs/worker'

/**
 * Runs the queued jobs that are due, in this process, until the queue is idle: what a worker
 * would do, with the real adapter. Inside a test's global transaction the queue uses that
 * transaction (app/jobs/drivers.ts), so this works with per-test rollback. One job at a time:
 * the transaction is one connection.
 */
export async function drainQueue(queues: string[] = ['default'], timeoutMs = 10_000) {
  const worker = await createWorker({ concurrency: 1, idleDelay: 10, gracefulShutdown: false })
  const deadline = Date.now() + timeoutMs
  let ran = 0
  try {
    for (;;) {
      if (Date.now() > deadline) throw new Error(`queue not idle within ${timeoutMs} ms`)
      const cycle = await worker.processCycle(queues)
      if (!cycle || cycle.type === 'idle') return ran
      if (cycle.type === 'error') throw cycle.error
      if (cycle.type === 'completed') ran++
    }
  } finally {
    await worker.stop()
  }
}
