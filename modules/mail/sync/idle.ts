import type { ImapFlow } from 'imapflow'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { dbTimestamp, toDate } from '#app/support/dates'
import { closeClient, connectImap } from './connect.js'
import { describeFailure } from './errors.js'
import { followedFolders } from './session.js'

/** What a watcher found on the server: IDLE (real time), or none (the minute's poll syncs it). */
export type IdleState = 'idle' | 'polling'

export interface WatcherOptions {
  /** Called (debounced) when the watched folder has new mail, or after a reconnect. */
  onNewMail: (mailboxId: number) => Promise<void>
  /** Quiet time after the last new-mail signal before `onNewMail` (default 2 s). */
  debounceMs?: number
  /** How often the state's `idle_at` is confirmed while watching (default 60 s). */
  heartbeatMs?: number
  /** IDLE is ended and started again after this long, as RFC 2177 advises (default 10 min). */
  maxIdleMs?: number
  /** First and longest wait before reconnecting after a failure (default 2 s and 5 min). */
  backoffMs?: { first: number; max: number }
}

/** A connection that stayed up this long was healthy: the next failure starts the backoff over. */
const HEALTHY_MS = 60_000

/** A watcher confirms its state every minute: older than this, nobody watches any more. */
export const IDLE_FRESH_MS = 3 * 60_000
/** A mailbox watched in real time is still polled this often, as a safety net. */
export const WATCHED_POLL_MS = 15 * 60_000

/** The columns of mail_mailboxes that say how the mailbox hears of new mail. */
export interface ListeningRow {
  idle_state?: string | null
  idle_at?: unknown
  last_sync_at?: unknown
  folders?: unknown
}

/** A watcher holds an IDLE connection to the mailbox's server now («En tiempo real»). */
export function watchedInRealTime(row: ListeningRow, now = Date.now()): boolean {
  return (
    row.idle_state === 'idle' &&
    !!row.idle_at &&
    now - toDate(row.idle_at).getTime() < IDLE_FRESH_MS
  )
}

/**
 * Whether the minute's poll syncs the mailbox: always, unless a watcher has it in real time and
 * it follows one folder (a watcher hears only its first), and then once every 15 minutes.
 */
export function pollDue(row: ListeningRow, now = Date.now()): boolean {
  if (!watchedInRealTime(row, now) || followedFolders(row.folders).length > 1) return true
  return !row.last_sync_at || now - toDate(row.last_sync_at).getTime() >= WATCHED_POLL_MS
}

/** Records on the mailbox what its watcher found (`null`: nobody watches any more). */
export async function recordIdleState(mailboxId: number, state: IdleState | null) {
  await db
    .from('mail_mailboxes')
    .where('id', mailboxId)
    .update({ idle_state: state, idle_at: state ? dbTimestamp() : null })
}

/**
 * Watches one mailbox's first followed folder (INBOX by default) over IMAP IDLE: one
 * connection, opened read-only through the same connect path as the sync (the SSRF guard, TLS
 * checks), that only listens. New mail (an EXISTS count that grew) calls `onNewMail` after a
 * short quiet time, so a burst of deliveries makes one call. The sync itself stays the
 * mailSync job under its lease: a watcher never reads or stores a message. A lost connection
 * is opened again with a growing wait, and then `onNewMail` is called, since mail may have come
 * meanwhile. A server without IDLE is recorded as 'polling' and left to the minute's poll.
 */
export class IdleWatcher {
  readonly done: Promise<void>
  #stopped = false
  /** An outage was logged (once); the next connection that idles ends it. */
  #warned = false
  #client: ImapFlow | null = null
  #debounce: NodeJS.Timeout | undefined
  #sleeping: { timer: NodeJS.Timeout; wake: () => void } | null = null
  #options: Required<WatcherOptions>

  constructor(
    readonly mailboxId: number,
    options: WatcherOptions
  ) {
    this.#options = {
      debounceMs: 2000,
      heartbeatMs: 60_000,
      maxIdleMs: 10 * 60_000,
      backoffMs: { first: 2000, max: 5 * 60_000 },
      ...options,
    }
    this.done = this.#loop()
  }

  /** Closes the connection (a polite LOGOUT) and ends the watcher. */
  async stop() {
    this.#stopped = true
    clearTimeout(this.#debounce)
    if (this.#sleeping) this.#sleeping.wake()
    if (this.#client) await closeClient(this.#client)
    await this.done
    await recordIdleState(this.mailboxId, null).catch(() => {})
  }

  async #loop() {
    let failures = 0
    let reconnect = false
    while (!this.#stopped) {
      const startedAt = Date.now()
      try {
        const outcome = await this.#session(reconnect)
        if (outcome !== 'closed') return
      } catch (error) {
        if (this.#stopped) return
        // Once per outage, in plain words: a wrong password would repeat every few minutes.
        const fields = { mailboxId: this.mailboxId, error: describeFailure(error) }
        if (this.#warned) logger.debug(fields, 'mail IDLE watcher: still no connection')
        else logger.warn(fields, 'mail IDLE watcher: no connection')
        this.#warned = true
      }
      if (this.#stopped) return
      reconnect = true
      failures = Date.now() - startedAt > HEALTHY_MS ? 1 : failures + 1
      const { first, max } = this.#options.backoffMs
      await this.#sleep(Math.min(max, first * 2 ** (failures - 1)))
    }
  }

  /** One connection's life: 'closed' (open another), 'unsupported' or 'gone' (stop). */
  async #session(reconnect: boolean): Promise<'closed' | 'unsupported' | 'gone'> {
    const row = await db.from('mail_mailboxes').where('id', this.mailboxId).first()
    if (!row || !row.enabled || !row.imap_host) return 'gone'
    const client = await connectImap(row)
    this.#client = client
    let heartbeat: NodeJS.Timeout | undefined
    try {
      if (this.#stopped) return 'closed'
      if (!client.capabilities.has('IDLE')) {
        await recordIdleState(this.mailboxId, 'polling')
        return 'unsupported'
      }
      const [folder] = followedFolders(row.folders)
      // EXAMINE: the watcher changes nothing on the server, not even \Recent.
      await client.mailboxOpen(folder, { readOnly: true })
      client.on('exists', (event: { count: number; prevCount: number }) => {
        if (event.count > event.prevCount) this.#newMail()
      })
      client.maxIdleTime = this.#options.maxIdleMs
      await recordIdleState(this.mailboxId, 'idle')
      this.#warned = false
      heartbeat = setInterval(() => {
        recordIdleState(this.mailboxId, 'idle').catch(() => {})
      }, this.#options.heartbeatMs)
      if (reconnect) this.#newMail()
      await this.#idleWhileUsable(client)
      return 'closed'
    } finally {
      clearInterval(heartbeat)
      this.#client = null
      await closeClient(client)
    }
  }

  /**
   * IDLE until the connection closes. imapflow ends an IDLE on its own to probe a quiet server
   * (a NOOP after the socket timeout) and does not start it again: this does, when the
   * connection is free. An IDLE that keeps ending at once means a broken session: reconnect.
   */
  async #idleWhileUsable(client: ImapFlow) {
    let instantEnds = 0
    while (!this.#stopped && client.usable && instantEnds < 5) {
      const startedAt = Date.now()
      await client.idle({ whenFree: true }).catch(() => {})
      instantEnds = Date.now() - startedAt < 200 ? instantEnds + 1 : 0
      if (instantEnds) await this.#sleep(100)
    }
  }

  #newMail() {
    if (this.#stopped) return
    clearTimeout(this.#debounce)
    this.#debounce = setTimeout(() => {
      this.#options.onNewMail(this.mailboxId).catch((error) => {
        logger.warn({ err: error, mailboxId: this.mailboxId }, 'mail IDLE watcher: wake-up failed')
      })
    }, this.#options.debounceMs)
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        this.#sleeping = null
        resolve()
      }
      const timer = setTimeout(wake, ms)
      this.#sleeping = { timer, wake }
    })
  }
}
