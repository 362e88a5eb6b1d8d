import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Probe from '#app/jobs/kernel/probe'
import { createUser } from '#tests/helpers/world'
import { drainQueue } from '#tests/helpers/queue'
import { adminWorld, otherOrganization, write } from './_helpers.js'

const run = (jobId: string) => db.from('kernel_job_runs').where('job_id', jobId).first()

/** Lets a delayed retry fall due now, as if its backoff had passed. */
async function timePasses(jobId: string) {
  await db
    .from('queue_jobs')
    .where('id', jobId)
    .update({ execute_at: Date.now() - 1 })
}

/** A probe job of `organizationId` that fails every attempt, run until it has failed for good. */
async function failedJob(organizationId: number) {
  const { jobId } = await Probe.dispatch({ tag: 'admin', failAttempts: 99, organizationId })
  for (let attempt = 1; attempt <= 4; attempt++) {
    await drainQueue()
    if (attempt < 4) await timePasses(jobId)
  }
  return run(jobId)
}

test.group('Admin · jobs (Administración › Trabajos)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a failing job is retried with exponential backoff, then fails with its error visible', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const { jobId } = await Probe.dispatch({
      tag: 'backoff',
      failAttempts: 99,
      organizationId: org.id,
    })

    const delays: number[] = []
    for (let attempt = 1; attempt <= 3; attempt++) {
      const before = Date.now()
      await drainQueue()
      const record = await run(jobId)
      assert.equal(record.status, 'queued', `attempt ${attempt} goes back to the queue`)
      assert.equal(record.attempts, attempt)
      assert.include(record.error, `probe failure ${attempt} of 99`)
      const queued = await db.from('queue_jobs').where('id', jobId).first()
      assert.equal(queued.status, 'delayed')
      delays.push(Number(queued.execute_at) - before)
      assert.equal(await drainQueue(), 0, 'not due before its backoff')
      await timePasses(jobId)
    }
    // 5 s, 10 s, 20 s (±25 % jitter): each wait about twice the one before.
    assert.isAbove(delays[0], 3_000)
    assert.isBelow(delays[0], 7_500)
    assert.isAbove(delays[1], 7_000)
    assert.isAbove(delays[2], 14_000)

    await drainQueue()
    const failed = await run(jobId)
    assert.equal(failed.status, 'failed')
    assert.equal(failed.attempts, 4)
    assert.equal(failed.max_attempts, 4)
    assert.isNotNull(failed.finished_at)
    assert.isNull(await db.from('queue_jobs').where('id', jobId).first(), 'gone from the queue')

    const page = await client.get('/admin/jobs?state=failed').loginAs(admin).withInertia()
    page.assertInertiaComponent('admin/jobs/index')
    const jobs = page.inertiaProps.jobs as any[]
    assert.lengthOf(jobs, 1)
    assert.containsSubset(jobs[0], {
      id: failed.id,
      name: 'kernel.probe',
      label: 'Prueba de los trabajadores',
      state: 'failed',
      attempts: 4,
      maxAttempts: 4,
      error: 'probe failure 4 of 99 (on purpose)',
      system: false,
    })
    const queuedOnly = await client.get('/admin/jobs?state=queued').loginAs(admin).withInertia()
    assert.lengthOf(queuedOnly.inertiaProps.jobs as any[], 0)
  })

  test('lists queued, finished and failed jobs by state, newest first, in pages', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld([], { locale: 'en' })
    await Probe.dispatchMany(
      Array.from({ length: 55 }, (_, i) => ({ tag: `p${i}`, organizationId: org.id }))
    )
    await drainQueue(['default'], 30_000)
    await Probe.dispatch({ tag: 'waiting', organizationId: org.id })

    const all = await client.get('/admin/jobs').loginAs(admin).withInertia()
    const first = all.inertiaProps as any
    assert.lengthOf(first.jobs, 50)
    assert.equal(first.jobs[0].state, 'queued')
    assert.equal(first.jobs[0].label, 'Worker check')
    assert.deepEqual(first.count, { value: 56, capped: false })
    assert.isString(first.next)
    const second = await client.get(`/admin/jobs?cursor=${first.next}`).loginAs(admin).withInertia()
    assert.lengthOf(second.inertiaProps.jobs, 6)

    const done = await client.get('/admin/jobs?state=completed').loginAs(admin).withInertia()
    assert.equal(done.inertiaProps.count.value, 55)
    assert.isTrue(done.inertiaProps.jobs.every((j: any) => j.finishedAt && j.startedAt))

    const bad = await client.get('/admin/jobs?state=nonsense').loginAs(admin).withInertia()
    assert.equal(bad.inertiaProps.count.value, 56, 'a bad filter shows every job')
  })

  test('an administrator retries a failed job (same job, attempts from zero) or discards it', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const failed = await failedJob(org.id)
    // The cause is fixed meanwhile: the stored payload no longer fails.
    await db
      .from('kernel_job_runs')
      .where('id', failed.id)
      .update({ payload: JSON.stringify({ tag: 'fixed', organizationId: org.id }) })

    const retried = await write(client.post(`/admin/jobs/${failed.id}/retry`), admin)
    retried.assertStatus(302)
    retried.assertFlashMessage('success', 'El trabajo vuelve a la cola.')
    const queued = await run(failed.job_id)
    assert.equal(queued.status, 'queued')
    assert.equal(queued.attempts, 0)
    assert.isNull(queued.error)
    assert.equal((await db.from('queue_jobs').where('id', failed.job_id).first()).status, 'pending')

    assert.equal(await drainQueue(), 1)
    assert.equal((await run(failed.job_id)).status, 'completed')
    const probe = await db.from('kernel_job_probes').where('job_id', failed.job_id).first()
    assert.equal(probe.runs, 1)

    const again = await write(client.post(`/admin/jobs/${failed.id}/retry`), admin)
    again.assertFlashMessage(
      'error',
      'Ese trabajo ya no está fallido (puede que otra persona lo haya reintentado o descartado).'
    )

    const other = await failedJob(org.id)
    const discarded = await write(client.post(`/admin/jobs/${other.id}/discard`), admin)
    discarded.assertFlashMessage('success', 'Trabajo descartado.')
    assert.isNull(await run(other.job_id))
    assert.equal(await drainQueue(), 0, 'a discarded job does not run')
  })

  test('only administrators, and only for their organization’s jobs', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const clerk = await createUser(org)
    const failed = await failedJob(org.id)

    ;(await client.get('/admin/jobs').loginAs(clerk)).assertStatus(403)
    ;(await write(client.post(`/admin/jobs/${failed.id}/retry`), clerk)).assertStatus(403)
    ;(await write(client.post(`/admin/jobs/${failed.id}/discard`), clerk)).assertStatus(403)
    assert.equal((await run(failed.job_id)).status, 'failed')

    // A failed system job (no organization): only the host organization's administrators see it.
    const { jobId: systemJobId } = await Probe.dispatch({ tag: 'system', failAttempts: 99 })
    await db
      .from('kernel_job_runs')
      .where('job_id', systemJobId)
      .update({ status: 'failed', error: 'smtp refused ana@otra.es' })
    const system = await run(systemJobId)

    const stranger = await otherOrganization()
    const theirs = await client.get('/admin/jobs').loginAs(stranger.admin).withInertia()
    assert.lengthOf(theirs.inertiaProps.jobs, 0, 'another organization’s job is not listed')
    const refusedSystem = await write(
      client.post(`/admin/jobs/${system.id}/discard`),
      stranger.admin
    )
    refusedSystem.assertFlashMessage(
      'error',
      'Ese trabajo ya no está fallido (puede que otra persona lo haya reintentado o descartado).'
    )
    assert.equal((await run(systemJobId)).status, 'failed')
    const hostView = await client.get('/admin/jobs').loginAs(admin).withInertia()
    assert.include(
      (hostView.inertiaProps.jobs as { id: number }[]).map((j) => j.id),
      system.id,
      'the host sees system jobs'
    )
    const refused = await write(client.post(`/admin/jobs/${failed.id}/discard`), stranger.admin)
    refused.assertFlashMessage(
      'error',
      'Ese trabajo ya no está fallido (puede que otra persona lo haya reintentado o descartado).'
    )
    assert.equal((await run(failed.job_id)).status, 'failed')

    const mine = await client.get('/admin/jobs').loginAs(admin).withInertia()
    // Besides the failed job: the mail telling its administrator (kernel.job_failed).
    const listed = mine.inertiaProps.jobs.filter(
      (j: { name: string; system: boolean }) =>
        j.name !== 'kernel.send_notification_mail' && !j.system
    )
    assert.lengthOf(listed, 1)
  })

  test('an empty list says what will show there', async ({ client }) => {
    const { admin } = await adminWorld()
    const page = await client.get('/admin/jobs').loginAs(admin).withInertia()
    page.assertInertiaPropsContains({ jobs: [], count: { value: 0, capped: false } })
  })

  test('a deduplicated dispatch leaves one record, of the job that is queued', async ({
    assert,
  }) => {
    const first = await Probe.dispatch({ tag: 'once' }).dedup({ id: 'nightly' }).run()
    const second = await Probe.dispatch({ tag: 'once' }).dedup({ id: 'nightly' }).run()
    assert.equal(second.deduped, 'skipped')
    assert.equal(second.jobId, first.jobId)
    const records = await db.from('kernel_job_runs').where('name', 'kernel.probe')
    assert.deepEqual(
      records.map((r) => r.job_id),
      [first.jobId]
    )
  })
})
