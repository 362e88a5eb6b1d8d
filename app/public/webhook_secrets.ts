import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import limiter from '@adonisjs/limiter/services/main'
import { dbTimestamp } from '#app/support/dates'

/** Header a sender puts on each webhook: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const WEBHOOK_HEADER = 'x-cartera-signature'
/** How far a webhook's timestamp may be from the server's clock, in seconds. */
export const WEBHOOK_TOLERANCE = 300

export type WebhookCheck = 'valid' | 'unsigned' | 'bad_signature' | 'stale' | 'replayed'

interface Hook {
  organizationId: number
  module: string
  name: string
}

/** Per-organization, per-module webhook secrets, stored encrypted with the app key. */
export const webhookSecrets = {
  /** Creates or replaces the secret and returns it (shown once to whoever configures the sender). */
  async rotate(hook: Hook): Promise<string> {
    const secret = `whsec_${randomBytes(32).toString('base64url')}`
    const now = dbTimestamp()
    const where = { organization_id: hook.organizationId, module: hook.module, name: hook.name }
    const existing = await db.from('webhook_secrets').where(where).first()
    const sealed = encryption.encrypt(secret)
    if (existing)
      await db.from('webhook_secrets').where('id', existing.id).update({ secret: sealed, updated_at: now })
    else
      await db
        .table('webhook_secrets')
        .insert({ ...where, secret: sealed, created_at: now, updated_at: now })
    return secret
  },

  /** The secret in clear, or null when none is configured. */
  async reveal(hook: Hook): Promise<string | null> {
    const row = await db
      .from('webhook_secrets')
      .where({ organization_id: hook.organizationId, module: hook.module, name: hook.name })
      .select('secret')
      .first()
    return row ? (encryption.decrypt<string>(row.secret) ?? null) : null
  },

  async remove(hook: Hook): Promise<void> {
    await db
      .from('webhook_secrets')
      .where({ organization_id: hook.organizationId, module: hook.module, name: hook.name })
      .delete()
  },
}

/** The header value a sender computes for `body` at `timestamp` (also used by tests). */
export function webhookSignature(secret: string, body: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
  return `t=${timestamp},v1=${mac}`
}

/**
 * Checks a webhook's signature header over its raw body: the right secret, a timestamp within
 * the tolerance, and not seen before (a copy of a signed request replayed within the window is
 * refused: each signature is accepted once, remembered through the limiter's shared store).
 */
export async function checkWebhook(
  hook: Hook,
  header: string | undefined,
  rawBody: string,
  now = Date.now()
): Promise<WebhookCheck> {
  const parts = Object.fromEntries(
    String(header ?? '')
      .split(',')
      .map((part) => part.trim().split('=', 2) as [string, string])
  )
  const timestamp = Number(parts.t)
  if (!parts.v1 || !Number.isInteger(timestamp)) return 'unsigned'
  const secret = await webhookSecrets.reveal(hook)
  if (!secret) return 'bad_signature'
  const wanted = Buffer.from(webhookSignature(secret, rawBody, timestamp).split(',v1=')[1])
  const given = Buffer.from(String(parts.v1))
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return 'bad_signature'
  if (Math.abs(now / 1000 - timestamp) > WEBHOOK_TOLERANCE) return 'stale'
  const seen = await limiter
    .use({ requests: 1, duration: WEBHOOK_TOLERANCE * 2 })
    .increment(`webhook_${hook.organizationId}_${hook.module}_${parts.v1}`)
  return seen.consumed > 1 ? 'replayed' : 'valid'
}
