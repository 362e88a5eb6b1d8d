import { createHash, randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import type { HttpContext } from '@adonisjs/core/http'
import type { Transmit } from '@boringnode/transmit'
import { SESSION_KEY } from '#app/access/session_key'

/**
 * Server-only channel announcing revoked sessions to every instance (through the transport, as
 * any broadcast). No browser may subscribe to it.
 */
export const REVOKED_CHANNEL = 'kernel/sessions/revoked'

/** Which streams a revocation closes: the user's streams of `sessions`, or all but `except`. */
export interface RevokedSessions {
  userId: number
  sessions?: string[]
  except?: string
}

/** A session key is a credential: announcements carry a digest of it, never the key. */
export const sessionTag = (key: string) =>
  createHash('sha256').update(key).digest('base64url').slice(0, 22)

/**
 * Ties every event stream to the browser session that opened it, and ends the streams of a
 * revoked session (sign-out, "sign out everywhere", password change, deactivation) on whichever
 * instance holds them: they stop receiving at once and the client's reconnection meets the
 * session check like any other request.
 */
export function closeStreamsOnRevoke(transmit: Transmit<HttpContext>) {
  const owners = new Map<string, { userId: number; tag: string | null }>()
  transmit.on('connect', ({ uid, context }) => {
    const userId = context?.auth?.user?.id
    const key = context?.session?.get(SESSION_KEY)
    if (userId) owners.set(uid, { userId, tag: typeof key === 'string' ? sessionTag(key) : null })
  })
  transmit.on('disconnect', ({ uid }) => {
    owners.delete(uid)
  })
  transmit.authorize(REVOKED_CHANNEL, () => false)

  const manager = transmit.getManager()
  const close = (revoked: RevokedSessions) => {
    for (const [stream, channels] of manager.getAllSubscribers()) {
      const owner = owners.get(stream.getUid())
      if (!owner || owner.userId !== revoked.userId) continue
      const hit = revoked.sessions
        ? owner.tag !== null && revoked.sessions.includes(owner.tag)
        : owner.tag === null || owner.tag !== revoked.except
      if (!hit) continue
      owners.delete(stream.getUid())
      channels.clear()
      stream.end()
    }
  }
  // The announcements reach this instance as a subscriber would receive them.
  const uid = `kernel-sessions-${randomUUID()}`
  const listener = manager.createStream({
    uid,
    context: undefined as unknown as HttpContext,
    request: undefined as any,
    response: new Writable({ write: (_chunk, _encoding, done) => done() }) as any,
  })
  listener.writeMessage = (message) => {
    const data = message.data as { channel?: string; payload?: unknown } | null
    if (data?.channel === REVOKED_CHANNEL) close(data.payload as RevokedSessions)
    return true
  }
  void manager.subscribe({ uid, channel: REVOKED_CHANNEL, skipAuthorization: true })
}

/** Tells every instance to end the event streams of revoked sessions. */
export async function announceRevoked(revoked: RevokedSessions) {
  try {
    const transmit = await app.container.make('transmit')
    transmit.broadcast(REVOKED_CHANNEL, { ...revoked })
  } catch (error) {
    logger.warn({ err: error, userId: revoked.userId }, 'session streams not closed')
  }
}
