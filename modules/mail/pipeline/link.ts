import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  companiesOfContacts,
  findByEmail,
  findCompaniesByDomain,
  findLeadsByEmail,
  recordCards,
} from '#modules/crm/contracts/index'
import { domainOf, FREEMAIL } from '../support/addresses.js'
import type { LinkReason } from '../catalog.js'
import type { ThreadChoice } from './thread.js'

/** One record a message is linked to, and why. */
export interface LinkChoice {
  type: string
  id: number
  reason: LinkReason
  detail: string | null
}

interface Context {
  organizationId: number
  thread: ThreadChoice
  participants: string[]
  trx: TransactionClientContract
}

/**
 * The records a message belongs to: the record its thread is on (a reply token, an earlier
 * message, or a user's move — later replies follow the move), then each external participant:
 * a contact with that address (and the contact's company), else a company with that address,
 * else a company on that web domain (free-mail domains excluded); open leads with that address.
 */
export async function chooseLinks(ctx: Context): Promise<LinkChoice[]> {
  const { organizationId, trx } = ctx
  const links: LinkChoice[] = []
  const add = (link: LinkChoice) => {
    if (!links.some((l) => l.type === link.type && l.id === link.id)) links.push(link)
  }
  const thread = await trx
    .from('mail_threads')
    .where('id', ctx.thread.threadId)
    .select('record_type', 'record_id', 'moved_by')
    .first()
  if (thread?.record_type && thread.record_id) {
    const [card] = await recordCards(
      organizationId,
      [{ type: thread.record_type, id: Number(thread.record_id) }],
      undefined,
      trx
    )
    if (card) {
      const reason: LinkReason = thread.moved_by
        ? 'thread'
        : ctx.thread.reason === 'token'
          ? 'token'
          : 'thread'
      add({ type: card.type, id: card.id, reason, detail: ctx.thread.detail })
    }
  }
  for (const address of ctx.participants) {
    const { contactIds, companyIds } = await findByEmail(organizationId, address, trx)
    const companies = await companiesOfContacts(organizationId, contactIds, trx)
    for (const id of contactIds)
      add({ type: 'crm.contact', id, reason: 'participant', detail: address })
    for (const id of [...companies.values(), ...companyIds])
      add({ type: 'crm.company', id, reason: 'participant', detail: address })
    if (!contactIds.length && !companyIds.length) {
      const domain = domainOf(address)
      if (!FREEMAIL.has(domain))
        for (const id of await findCompaniesByDomain(organizationId, domain, trx))
          add({ type: 'crm.company', id, reason: 'domain', detail: domain })
    }
    for (const id of await findLeadsByEmail(organizationId, address, trx))
      add({ type: 'crm.lead', id, reason: 'participant', detail: address })
  }
  return links
}
