import { Job } from '@adonisjs/queue'
import { pruneImports } from '#app/import/prune'

/** The nightly pruning of old imports: their files and previews (app/import/prune.ts). */
export default class PruneImports extends Job<Record<string, never>> {
  static options = { name: 'kernel.prune_imports' }

  async execute() {
    await pruneImports()
  }
}
