import { Job, Locator, ScheduleBuilder, Schedule } from '@adonisjs/queue'
import logger from '@adonisjs/core/services/logger'
import { moduleRegistry } from '#app/registry/main'
import type { JobClassLike, ScheduleDefinition } from '#app/registry/types'
import { kernelJobs } from './kernel.js'

/** Who declares jobs: every module manifest, and the kernel the same way. */
export interface JobSource {
  name: string
  jobs?: () => Promise<Record<string, unknown>>
  schedules?: ScheduleDefinition[]
}

export interface RegisteredSchedule {
  /** `<source>.<name>`, or the job's name when the schedule has none. */
  id: string
  jobName: string
  cron: string
  timezone: string
  payload: Record<string, unknown>
}

const snake = (key: string) =>
  key
    .replace(/Job$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()

function isJobClass(value: unknown): value is JobClassLike {
  return typeof value === 'function' && value.prototype instanceof Job
}

/**
 * Registers the job classes of these sources with the queue, under their names
 * (`static options.name`, or `<source>.<key in snake_case>` — then written into the class's
 * options, so `MyJob.dispatch()` uses the same name), and returns their schedules. A name taken
 * by another class, or a schedule naming an unknown job, is an error.
 */
export async function collectJobs(sources: JobSource[]): Promise<RegisteredSchedule[]> {
  const schedules: RegisteredSchedule[] = []
  for (const source of sources) {
    const names = new Map<string, string>()
    const exported = source.jobs ? await source.jobs() : {}
    for (const [key, value] of Object.entries(exported)) {
      if (!isJobClass(value)) continue
      const name =
        value.options?.name ?? `${source.name}.${snake(key === 'default' ? value.name : key)}`
      const taken = Locator.get(name)
      if (taken && taken !== value) {
        throw new Error(`Job name "${name}" (${source.name}) is already taken by another job`)
      }
      value.options = { ...value.options, name }
      Locator.register(name, value as any)
      names.set(key, name)
    }
    for (const schedule of source.schedules ?? []) {
      const jobName = names.get(schedule.job) ?? schedule.job
      if (!Locator.get(jobName)) {
        throw new Error(`Schedule of "${source.name}" names an unknown job "${schedule.job}"`)
      }
      schedules.push({
        id: schedule.name ? `${source.name}.${schedule.name}` : jobName,
        jobName,
        cron: schedule.cron,
        timezone: schedule.timezone ?? 'UTC',
        payload: schedule.payload ?? {},
      })
    }
  }
  return schedules
}

let registered: Promise<RegisteredSchedule[]> | undefined

/** The kernel's and every module's jobs, registered once per process; their schedules. */
export function registerJobs(): Promise<RegisteredSchedule[]> {
  registered ??= moduleRegistry().then((registry) =>
    collectJobs([kernelJobs, ...registry.modules.map((m) => m.manifest)])
  )
  return registered
}

/**
 * Writes the declared schedules to the queue (an upsert by id: several instances starting at
 * once agree) and removes schedules no manifest declares any more. Called by the web process
 * only (`getMode() === 'run'`); any worker then claims each tick once, in a transaction.
 */
export async function syncSchedules(): Promise<void> {
  const schedules = await registerJobs()
  const declared = new Set(schedules.map((s) => s.id))
  for (const s of schedules) {
    await new ScheduleBuilder(s.jobName, s.payload).id(s.id).cron(s.cron).timezone(s.timezone).run()
  }
  for (const existing of await Schedule.list()) {
    if (!declared.has(existing.id)) await existing.delete()
  }
  logger.debug({ schedules: [...declared] }, 'job schedules registered')
}
