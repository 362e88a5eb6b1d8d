import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { IdleWatcher, type WatcherOptions } from './idle.js'

export interface SupervisorOptions extends Omit<WatcherOptions, 'onNewMail'> {
  /** The mailboxes to watch: the enabled IMAP mailboxes of organizations with mail enabled. */
  mailboxIds: () => Promise<number[]>
  /** What new mail in a watched mailbox sets off (the mailSync job). */
  onNewMail: (mailboxId: number) => Promise<void>
  /** How often the list of mailboxes (and their settings) is read again (default 60 s). */
  refreshMs?: number
}

/** The settings a watcher's connection depends on: when they change it is started again. */
const SETTINGS = ['imap_host', 'imap_port', 'imap_security', 'imap_user', 'imap_secret', 'folders']

/**
 * Keeps one IdleWatcher per mailbox to watch, in this process: reads the list at start and
 * every `refreshMs`, starts watchers for new mailboxes, stops those of mailboxes removed,
 * disabled or whose organization dropped the module, and restarts one whose connection
 * settings changed. A watcher that found no IDLE on its server stays (idle) until its settings
 * change or the process restarts.
 */
export class IdleSupervisor {
  #watchers = new Map<number, { watcher: IdleWatcher; settings: string }>()
  #timer: NodeJS.Timeout | undefined
  #refreshing: Promise<void> | null = null
  #stopped = false

  constructor(private options: SupervisorOptions) {}

  /** The mailboxes being watched now. */
  get watching(): number[] {
    return [...this.#watchers.keys()]
  }

  /** The watcher of a mailbox, if it is watched. */
  watcherOf(mailboxId: number): IdleWatcher | undefined {
    return this.#watchers.get(mailboxId)?.watcher
  }

  async start() {
    await this.refresh()
    this.#timer = setInterval(() => {
      this.refresh().catch((error) =>
        logger.warn({ err: error }, 'mail IDLE: reading the mailboxes to watch failed')
      )
    }, this.options.refreshMs ?? 60_000)
    this.#timer.unref()
  }

  /** Brings the watchers in line with the mailboxes (one refresh at a time). */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = null))
    return this.#refreshing
  }

  async #refresh() {
    if (this.#stopped) return
    const ids = await this.options.mailboxIds()
    const rows = ids.length
      ? await db
          .from('mail_mailboxes')
          .whereIn('id', ids)
          .select('id', ...SETTINGS)
      : []
    const wanted = new Map(
      rows.map((row) => [Number(row.id), JSON.stringify(SETTINGS.map((key) => row[key]))])
    )
    const stopping: Promise<void>[] = []
    for (const [id, current] of this.#watchers) {
      if (wanted.get(id) === current.settings) continue
      this.#watchers.delete(id)
      stopping.push(current.watcher.stop())
    }
    await Promise.all(stopping)
    if (this.#stopped) return
    for (const [id, settings] of wanted) {
      if (this.#watchers.has(id)) continue
      const watcher = new IdleWatcher(id, this.options)
      this.#watchers.set(id, { watcher, settings })
    }
  }

  /** Stops every watcher (their connections log out) and the refresh timer. */
  async stop() {
    this.#stopped = true
    clearInterval(this.#timer)
    await this.#refreshing?.catch(() => {})
    const watchers = [...this.#watchers.values()]
    this.#watchers.clear()
    await Promise.all(watchers.map((w) => w.watcher.stop()))
  }
}
