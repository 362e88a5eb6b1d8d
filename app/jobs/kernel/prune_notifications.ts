import { Job } from '@adonisjs/queue'
import { pruneReadNotifications } from '#app/notifications/prune'

/** The nightly deletion of read notifications older than their organization's retention. */
export default class PruneNotifications extends Job<Record<string, never>> {
  static options = { name: 'kernel.prune_notifications' }

  async execute() {
    await pruneReadNotifications()
  }
}
