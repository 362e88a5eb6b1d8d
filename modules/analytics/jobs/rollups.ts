import { Job } from '@adonisjs/queue'
import { refreshRollups } from '../engine/rollups.js'

/** Every ten minutes: build or refresh the rollups (MySQL/MariaDB; nothing on SQLite). */
class RefreshRollups extends Job<Record<string, never>> {
  static options = { maxRetries: 1 }

  async execute() {
    await refreshRollups()
  }
}

export { RefreshRollups as refreshRollups }
