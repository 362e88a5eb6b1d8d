import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'

/**
 * Live updates over server-sent events (@adonisjs/transmit). Each user has one channel, which
 * only she may subscribe to (start/transmit.ts); with TRANSMIT_TRANSPORT=redis a broadcast
 * reaches the subscribers of every app instance.
 */
export const userChannel = (userId: number) => `users/${userId}/notifications`

/** Tells each user's open pages that a notification arrived (they fetch the bell again). */
export async function publishToUsers(items: { userId: number; notificationId: number }[]) {
  // Made on first use: no connection (Redis transport) in a process that never publishes.
  const transmit = await app.container.make('transmit')
  for (const { userId, notificationId } of items) {
    try {
      transmit.broadcast(userChannel(userId), { type: 'created', id: notificationId })
    } catch (error) {
      logger.warn({ err: error, userId }, 'live notification not sent')
    }
  }
}

/** Tells a user's other pages that notifications were read (their bells update). */
export async function publishRead(userId: number) {
  try {
    const transmit = await app.container.make('transmit')
    transmit.broadcast(userChannel(userId), { type: 'read' })
  } catch (error) {
    logger.warn({ err: error, userId }, 'live notification not sent')
  }
}
