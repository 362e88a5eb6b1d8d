import { test } from '@japa/runner'
import { Job, Locator } from '@adonisjs/queue'
import { collectJobs, registerJobs } from '#app/jobs/registry'

class SendDigestJob extends Job<{ organizationId: number }> {
  async execute() {}
}
class Named extends Job<{}> {
  static options = { name: 'fixture_jobs.custom_name', maxRetries: 5 }
  async execute() {}
}

test.group('Jobs · declared in a manifest', () => {
  test('job names default from the module and the key; schedules from the job name', async ({
    assert,
  }) => {
    const schedules = await collectJobs([
      {
        name: 'fixture_jobs',
        jobs: async () => ({ sendDigest: SendDigestJob, named: Named, notAJob: () => 1 }),
        schedules: [
          { job: 'sendDigest', cron: '0 8 * * 1-5' },
          {
            job: 'named',
            name: 'hourly',
            cron: '0 * * * *',
            payload: { full: true },
            timezone: 'Europe/Madrid',
          },
        ],
      },
    ])
    assert.equal(SendDigestJob.options.name, 'fixture_jobs.send_digest', 'dispatch uses it too')
    assert.equal(Locator.get('fixture_jobs.send_digest'), SendDigestJob)
    assert.equal(Locator.get('fixture_jobs.custom_name'), Named, 'an explicit name wins')
    assert.equal((Named.options as any).maxRetries, 5, 'other options stay')
    assert.deepEqual(schedules, [
      {
        id: 'fixture_jobs.send_digest',
        jobName: 'fixture_jobs.send_digest',
        cron: '0 8 * * 1-5',
        timezone: 'UTC',
        payload: {},
      },
      {
        id: 'fixture_jobs.hourly',
        jobName: 'fixture_jobs.custom_name',
        cron: '0 * * * *',
        timezone: 'Europe/Madrid',
        payload: { full: true },
      },
    ])
  })

  test('a schedule of an unknown job, or a name taken by another job, stops the boot', async ({
    assert,
  }) => {
    await assert.rejects(
      () => collectJobs([{ name: 'fixture_bad', schedules: [{ job: 'nope', cron: '* * * * *' }] }]),
      'Schedule of "fixture_bad" names an unknown job "nope"'
    )
    class Impostor extends Job<{}> {
      static options = { name: 'fixture_jobs.custom_name' }
      async execute() {}
    }
    await assert.rejects(
      () => collectJobs([{ name: 'fixture_other', jobs: async () => ({ Impostor }) }]),
      'Job name "fixture_jobs.custom_name" (fixture_other) is already taken by another job'
    )
  })

  test('the kernel declares its jobs the same way', async ({ assert }) => {
    const schedules = await registerJobs()
    assert.isDefined(Locator.get('kernel.send_password_reset_mail'))
    assert.isDefined(Locator.get('kernel.probe'))
    assert.deepInclude(schedules, {
      id: 'kernel.prune_job_runs',
      jobName: 'kernel.prune_job_runs',
      cron: '17 3 * * *',
      timezone: 'UTC',
      payload: {},
    })
  })
})
