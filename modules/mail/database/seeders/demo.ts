import db from '@adonisjs/lucid/services/db'
import type { DemoSeedParams } from '#app/registry/types'
import { dbTimestamp } from '#app/support/dates'
import { contactsWithEmail, openOpportunitiesOf } from '#modules/crm/contracts/index'
import { importArchive } from '../../archive/import.js'
import { demoThreads } from './demo_messages.js'

const MAILBOXES = [
  { name: 'ventas', address: 'ventas@cartera-demo.es' },
  { name: 'soporte', address: 'soporte@cartera-demo.es' },
]

/**
 * The demo organization's shared mailboxes "ventas" and "soporte", filled with a few hundred
 * archived messages — customers' questions, our answers and their replies, some on an
 * opportunity's reply token, a few from unknown senders, spam and one unreadable file — sent
 * through the capture pipeline itself, so the CRM timelines show real mail on a fresh install.
 */
export default async function seedMailDemo({ organizationId, random }: DemoSeedParams) {
  const now = dbTimestamp()
  for (const mailbox of MAILBOXES)
    await db.table('mail_mailboxes').insert({
      organization_id: organizationId,
      name: mailbox.name,
      address: mailbox.address,
      kind: 'shared',
      privacy: 'full',
      folders: JSON.stringify(['INBOX', 'Enviados']),
      enabled: true,
      created_at: now,
      updated_at: now,
    })
  const contacts = await contactsWithEmail(organizationId, 90)
  const companyIds = [...new Set(contacts.flatMap((c) => (c.companyId ? [c.companyId] : [])))]
  const opportunities = await openOpportunitiesOf(organizationId, companyIds)
  const threads = demoThreads({ contacts, opportunities, random, now: new Date() })
  for (const mailbox of MAILBOXES)
    await importArchive({
      organizationId,
      mailbox: mailbox.name,
      messages: threads.filter((t) => t.mailbox === mailbox.name).map((t) => t.raw),
    })
}
