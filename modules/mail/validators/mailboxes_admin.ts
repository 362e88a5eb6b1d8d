import vine from '@vinejs/vine'
import { MAILBOX_KINDS, PRIVACY_LEVELS, SECURITY_MODES } from '../catalog.js'

/*
 * A mailbox as its form sends it. Explicit allow-list: the organization, the sync lease, cursors
 * and errors never come from the form. A blank password keeps the stored one. Users and teams
 * are checked against the organization by the action; host names against the SSRF guard.
 */

/** A host name or an IP literal (no scheme, no path, no port). */
const host = vine
  .string()
  .trim()
  .toLowerCase()
  .maxLength(255)
  .regex(
    /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)*)$/
  )

const port = vine.number().withoutDecimals().min(1).max(65535)
const login = vine.string().trim().maxLength(255)
const password = vine.string().maxLength(1000).nullable().optional()

/** Whether the mailbox is fetched from a server (an archive is filled from the shell). */
const onServer = (field: { parent: { kind?: string } }) => field.parent.kind !== 'archive'

export const mailboxValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(60),
    address: vine.string().trim().toLowerCase().email().maxLength(254).nullable().optional(),
    kind: vine.enum(MAILBOX_KINDS),
    ownerUserId: vine
      .number()
      .withoutDecimals()
      .positive()
      .nullable()
      .optional()
      .requiredWhen('kind', '=', 'personal'),
    teamId: vine.number().withoutDecimals().positive().nullable().optional(),
    privacy: vine.enum(PRIVACY_LEVELS),
    enabled: vine.boolean(),
    imapHost: host.clone().nullable().optional().requiredWhen(onServer),
    imapPort: port.clone().nullable().optional().requiredWhen(onServer),
    imapSecurity: vine.enum(SECURITY_MODES),
    imapUser: login.clone().nullable().optional().requiredWhen(onServer),
    imapPassword: password,
    folders: vine
      .array(vine.string().trim().minLength(1).maxLength(255))
      .maxLength(50)
      .distinct()
      .optional(),
    smtpHost: host.clone().nullable().optional(),
    smtpPort: port.clone().nullable().optional().requiredIfExists('smtpHost'),
    smtpSecurity: vine.enum(SECURITY_MODES),
    smtpUser: login.clone().nullable().optional(),
    smtpPassword: password,
  })
)

/** "Probar conexión" / "Probar envío": the form's current server values. */
export const connectionTestValidator = vine.compile(
  vine.object({
    target: vine.enum(['imap', 'smtp'] as const),
    /** The mailbox being edited: a blank password means its stored one. */
    mailboxId: vine.number().withoutDecimals().positive().nullable().optional(),
    host,
    port,
    security: vine.enum(SECURITY_MODES),
    user: login.clone().nullable().optional(),
    password,
  })
)
