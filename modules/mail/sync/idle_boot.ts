import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { mailConfig } from '../config.js'
import { imapMailboxIds, mailSync } from '../jobs/index.js'
import { IdleSupervisor, type SupervisorOptions } from './idle_supervisor.js'

/** How a process was started, as far as IDLE watching cares. */
export interface ProcessKind {
  idle: boolean
  environment: string
  mode: string
  /** QUEUE_WORKER of the web process (`off`: it runs no worker). */
  queueWorker?: string
  /** The ace command of a console process. */
  command?: string
}

/**
 * Whether this process watches mailboxes over IDLE: the processes that run job workers — the
 * web server's own worker (`npm start`, unless QUEUE_WORKER=off) and `node ace queue:work` —
 * unless MAIL_IDLE=off. Tests, migrations and other commands watch nothing.
 */
export function watchesMail(kind: ProcessKind): boolean {
  if (!kind.idle) return false
  if (kind.environment === 'web') return kind.mode === 'run' && kind.queueWorker !== 'off'
  return kind.environment === 'console' && kind.command === 'queue:work'
}

/** Re-dispatches of a wake-up that found a sync running (see the mailSync job). */
const WAKE_RETRIES = 6

/** Starts the supervisor in this process and stops it (connections logged out) at shutdown. */
export async function startIdleWatching(
  options: Partial<SupervisorOptions> = {}
): Promise<IdleSupervisor> {
  const supervisor = new IdleSupervisor({
    mailboxIds: imapMailboxIds,
    onNewMail: async (mailboxId) => {
      await mailSync.dispatch({ mailboxId, wake: WAKE_RETRIES })
    },
    refreshMs: Number(process.env.MAIL_IDLE_REFRESH_SECONDS) * 1000 || undefined,
    ...options,
  })
  app.terminating(() => supervisor.stop())
  await supervisor.start()
  logger.info(
    { mailboxes: supervisor.watching.length },
    'mail: watching mailboxes over IMAP IDLE (MAIL_IDLE=off to poll only)'
  )
  return supervisor
}

function start() {
  startIdleWatching().catch((error) =>
    logger.error({ err: error }, 'mail: the IMAP IDLE watcher did not start')
  )
}

/**
 * The manifest's `listeners` hook runs once at boot in every process: the mail module listens
 * to no other module's events, it uses the hook to start its IDLE watcher where jobs run.
 */
export default async function idleBoot() {
  const kind: ProcessKind = {
    idle: mailConfig.idle,
    environment: app.getEnvironment(),
    mode: app.getMode(),
    queueWorker: process.env.QUEUE_WORKER,
  }
  if (kind.environment === 'web') {
    if (watchesMail(kind)) app.ready(start)
    return
  }
  if (!watchesMail({ ...kind, command: 'queue:work' })) return
  // A console process: which command runs is known only once ace has created it.
  const ace = await app.container.make('ace')
  ace.executing((command, isMain) => {
    if (isMain && watchesMail({ ...kind, command: command.commandName })) start()
  })
}
