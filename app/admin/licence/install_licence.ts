import db from '@adonisjs/lucid/services/db'
import { audit } from '#app/history/audit'
import { LicenceError, licences } from '#app/licensing/licence_service'
import type { LicencePayload } from '#app/licensing/licence'
import { RuleError } from '#app/support/rule_error'

export const LICENCE_SUBJECT = 'kernel.licence'

/**
 * Verifies and installs a licence file. A refused file (malformed, tampered, expired…) changes
 * nothing: the licence in force stays, and the reason is reported on the `content` field.
 */
export async function installLicence(params: {
  organizationId: number
  actorId: number
  content: string
}): Promise<LicencePayload> {
  let licence: LicencePayload
  try {
    licence = await licences.install(params.content, params.actorId)
  } catch (error) {
    if (error instanceof LicenceError)
      throw new RuleError(`admin.licence.errors.${error.code}`, {}, 'content')
    throw error
  }
  const row = await db
    .from('licences')
    .where('licence_id', licence.id)
    .orderBy('id', 'desc')
    .select('id')
    .first()
  await audit.record({
    organizationId: params.organizationId,
    actorId: params.actorId,
    subjectType: LICENCE_SUBJECT,
    subjectId: Number(row?.id ?? 0),
    action: 'create',
    changes: (['id', 'customer', 'tier', 'seats', 'expiresAt'] as const).map((field) => ({
      field,
      from: null,
      to: licence[field],
    })),
  })
  return licence
}
