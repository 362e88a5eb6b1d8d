import db from '@adonisjs/lucid/services/db'
import { domainOf, FREEMAIL } from '../support/addresses.js'
import { loadBlocklist, loadRules, type CaptureRule } from '../rules/evaluate.js'
import type { MailboxKind, Privacy } from '../catalog.js'

/** What the pipeline needs to know about the mailbox a message came through. */
export interface MailboxContext {
  organizationId: number
  mailboxId: number
  name: string
  kind: MailboxKind
  privacy: Privacy
  ownerUserId: number | null
  /**
   * Addresses and domains of the organization's own mailboxes and users (and MAIL_INTERNAL_DOMAINS):
   * never linked as participants.
   */
  ownAddresses: Set<string>
  ownDomains: Set<string>
  rules: CaptureRule[]
  blocklist: Set<string>
}

/** Loads a mailbox's context (once per sync run or archive import). */
export async function mailboxContext(mailboxId: number): Promise<MailboxContext> {
  const mailbox = await db.from('mail_mailboxes').where('id', mailboxId).firstOrFail()
  const organizationId = Number(mailbox.organization_id)
  const own = await db
    .from('mail_mailboxes')
    .where('organization_id', organizationId)
    .whereNotNull('address')
    .select('address')
  const ownAddresses = new Set(own.map((r) => String(r.address).toLowerCase()))
  const extra = (process.env.MAIL_INTERNAL_DOMAINS ?? '')
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean)
  // The organization's users write from its own domains (free-mail ones aside).
  const users = await db
    .from('users')
    .where('organization_id', organizationId)
    .limit(500)
    .select('email')
  const userDomains = users
    .map((u) => domainOf(String(u.email ?? '').toLowerCase()))
    .filter((d) => d && !FREEMAIL.has(d))
  return {
    organizationId,
    mailboxId,
    name: mailbox.name,
    kind: mailbox.kind,
    privacy: mailbox.privacy,
    ownerUserId: mailbox.owner_user_id === null ? null : Number(mailbox.owner_user_id),
    ownAddresses,
    ownDomains: new Set([...[...ownAddresses].map(domainOf), ...userDomains, ...extra]),
    rules: await loadRules(organizationId, mailboxId),
    blocklist: await loadBlocklist(organizationId),
  }
}
