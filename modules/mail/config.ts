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
}
