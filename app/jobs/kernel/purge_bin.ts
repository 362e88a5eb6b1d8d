import { Job } from '@adonisjs/queue'
import { moduleRegistry } from '#app/registry/main'
import { purgeExpired } from '#app/bin/purge_expired'

/** The nightly purge of the recycle bin: entries older than their organization's retention. */
export default class PurgeBin extends Job<Record<string, never>> {
  static options = { name: 'kernel.purge_bin' }

  async execute() {
    // The bin's resources come from the manifests.
    await moduleRegistry()
    await purgeExpired()
  }
}
