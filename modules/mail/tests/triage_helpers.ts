import db from '@adonisjs/lucid/services/db'
import { createUser } from '#tests/helpers/world'
import { importArchive } from '../archive/import.js'
import { emlFolder, storedMessages } from './mail_helpers.js'

/** A user with mail permissions and every CRM record in scope (or only their own). */
export function mailUser(org: any, actions: string[], scope: 'all' | 'own' = 'all') {
  return createUser(org, {
    permissions: [
      ...actions.map((a) => `mail.messages.${a}`),
      'crm.contacts.view',
      'crm.contacts.create',
      'crm.companies.view',
    ],
    scopes: { 'crm.contacts': scope, 'crm.companies': scope },
  })
}

/** Imports the messages into the mailbox `name` and returns the stored rows, oldest first. */
export async function capture(organizationId: number, name: string, messages: string[]) {
  await importArchive({ organizationId, mailbox: name, path: await emlFolder(messages) })
  return storedMessages(organizationId)
}

/** Mail entries (kind:subject:messageId) of an organization's timelines, sorted. */
export async function mailEntries(organizationId: number): Promise<string[]> {
  const rows = await db
    .from('timeline_events')
    .where('organization_id', organizationId)
    .whereIn('kind', ['mail.received', 'mail.sent'])
  return rows.map((r) => `${r.subject_type}:${r.subject_id}:${JSON.parse(r.data).messageId}`).sort()
}

/** A signed-in JSON write with CSRF, answered without following redirects. */
export const write = (request: any, user: any, body: Record<string, unknown> = {}) =>
  request.loginAs(user).json(body).withCsrfToken().redirects(0)
