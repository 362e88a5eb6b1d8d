import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import type Organization from '#models/organization'
import { createOrganization, createUser, crud } from '#tests/helpers/world'
import { insertCompanyRow, insertContactRow } from '#modules/crm/contracts/index'
import { sharedMailbox } from './mail_helpers.js'

/** A user who may see their own contacts and companies and send mail. */
export function sender(org: Organization, email: string, permissions = ['send']) {
  return createUser(
    org,
    {
      permissions: [
        ...crud('crm.contacts'),
        ...crud('crm.companies'),
        'mail.messages.view',
        ...permissions.map((p) => `mail.messages.${p}`),
      ],
      scopes: { 'crm.contacts': 'own', 'crm.companies': 'own', 'mail.messages': 'own' },
    },
    { email, fullName: 'Rosa Comercial' }
  )
}

/**
 * An organization with a shared mailbox "ventas" whose SMTP server is the test sink (or
 * `smtpPort`), a sender, and her contact Ana García of Cliente A.
 */
export async function composeWorld(tag: string, smtpPort?: number) {
  const org = await createOrganization(['crm', 'mail'])
  const rep = await sender(org, `rosa.${tag}@cartera-demo.es`)
  const mailboxId = await sharedMailbox(org.id, 'ventas', 'ventas@cartera-demo.es')
  await db
    .from('mail_mailboxes')
    .where('id', mailboxId)
    .update({
      smtp_host: '127.0.0.1',
      smtp_port: smtpPort ?? Number(env.get('SMTP_PORT', 2525)),
      smtp_security: 'none',
    })
  const company = await insertCompanyRow(org.id, { name: 'Cliente A', ownerId: rep.id })
  const contact = await insertContactRow(org.id, {
    firstName: 'Ana',
    lastName: 'García',
    email: `ana.${tag}@cliente-a.es`,
    companyId: company,
    ownerId: rep.id,
  })
  return { org, rep, mailboxId, company, contact, email: `ana.${tag}@cliente-a.es` }
}
