import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import Probe from '#app/jobs/kernel/probe'

/** SQLite takes at most 500 rows in one insert (MariaDB more): dispatch in chunks. */
const CHUNK = 500

/**
 * Queues `kernel.probe` jobs: a check that workers run (each records its run in
 * kernel_job_probes), and the load of `npm run bench:jobs`.
 */
export default class JobsProbe extends BaseCommand {
  static commandName = 'jobs:probe'
  static description = 'Queue probe jobs that record their runs (checks the workers)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'How many jobs', default: 1 })
  declare count: number

  @flags.string({ description: 'Tag of this batch in kernel_job_probes', default: 'probe' })
  declare tag: string

  @flags.number({ description: 'Work time per job, in milliseconds', default: 0 })
  declare sleep: number

  @flags.number({
    description: 'Attempts that fail on purpose (shows retries and failures)',
    default: 0,
  })
  declare failAttempts: number

  async run() {
    const started = performance.now()
    for (let done = 0; done < this.count; done += CHUNK) {
      const size = Math.min(CHUNK, this.count - done)
      await Probe.dispatchMany(
        Array.from({ length: size }, () => ({
          tag: this.tag,
          sleepMs: this.sleep,
          failAttempts: this.failAttempts,
        }))
      )
    }
    const ms = performance.now() - started
    this.logger.success(
      `${this.count} probe jobs queued (tag "${this.tag}") in ${ms.toFixed(0)} ms`
    )
  }
}
