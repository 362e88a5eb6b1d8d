/*
 * The mail module's settings from the environment (documented in .env.example, "Mail capture").
 * Read on each call so a test can switch a setting for its duration.
 */
export const mailConfig = {
  /**
   * Whether mailboxes may point at loopback, link-local or private addresses (an on-premise
   * mail server, the test Dovecot). Off by default: a hostile host name must not make the app
   * probe its own network (SSRF).
   */
  get allowPrivateHosts(): boolean {
    return process.env.MAIL_ALLOW_PRIVATE_HOSTS === 'true'
  },

  /**
   * MAIL_IDLE=on (default) | off: whether processes that run job workers (`npm start`'s own
   * worker, `node ace queue:work`) keep an IMAP IDLE connection per mailbox whose server
   * announces IDLE, to sync new mail within seconds instead of at the next minute's poll.
   */
  get idle(): boolean {
    return process.env.MAIL_IDLE !== 'off'
  },

  /**
   * How long a sync holds a mailbox without renewing its lease (MAIL_SYNC_LEASE_SECONDS,
   * default 300): a process killed mid-sync blocks the next sync of that mailbox at most this
   * long. A sync renews the lease after each batch, so it must exceed a batch's duration.
   */
  get syncLeaseMs(): number {
    const seconds = Number(process.env.MAIL_SYNC_LEASE_SECONDS)
    return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 5 * 60 * 1000
  },
}
