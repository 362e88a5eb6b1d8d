import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { notify } from './notify.js'

/** Failures of these never notify: a failing notification mail must not breed more mail. */
const SILENT_JOBS = new Set(['kernel.send_notification_mail', 'kernel.send_notification_digest'])

/** Where a job's name is translated (as Administración › Trabajos shows it). */
function jobLabelKey(name: string): string {
  const dot = name.indexOf('.')
  return name.startsWith('kernel.') || dot < 0
    ? `admin.jobs.names.${name}`
    : `${name.slice(0, dot)}.jobs.${name.slice(dot + 1)}`
}

/**
 * A job of an organization failed for good: its administrators get `kernel.job_failed`
 * (system jobs, without an organization, notify nobody). Never throws.
 */
export async function notifyJobFailed(jobId: string): Promise<void> {
  try {
    const run = await db
      .from('kernel_job_runs')
      .where('job_id', jobId)
      .select('name', 'organization_id', 'attempts', 'error')
      .first()
    if (!run?.organization_id || SILENT_JOBS.has(run.name)) return
    const admins = await db
      .from('users as u')
      .join('user_roles as ur', 'ur.user_id', 'u.id')
      .join('roles as r', 'r.id', 'ur.role_id')
      .where('u.organization_id', run.organization_id)
      .where('r.is_admin', true)
      .distinct('u.id')
    await notify({
      organizationId: Number(run.organization_id),
      recipients: admins.map((a) => Number(a.id)),
      kind: 'kernel.job_failed',
      message: {
        key: 'notifications.messages.job_failed',
        params: {
          job: { t: jobLabelKey(run.name), fallback: run.name },
          attempts: Number(run.attempts) || 1,
          error: String(run.error ?? '').slice(0, 200),
        },
      },
      link: '/admin/jobs?state=failed',
    })
  } catch (error) {
    logger.error({ err: error, jobId }, 'job failure notification not sent')
  }
}
