import logger from '@adonisjs/core/services/logger'
import type { AccessContext } from '#app/access/access_context'
import { moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'
import type { SearchResult } from '#app/registry/types'

/** Hits of one resource, with the i18n key of the resource's label. */
export interface SearchGroup {
  resource: string
  module: string
  label: string
  results: SearchResult[]
}

export interface SearchOptions {
  q: string
  /** Hits per resource. */
  limit: number
  /** Modules enabled for the organization (the request's, when the module guard ran). */
  enabled?: Set<string>
}

/**
 * Asks every search provider of the enabled modules whose resource the user may `view`, in
 * parallel, and returns the resources with hits, in module order. Each provider applies the
 * user's record scope itself (`access.scope`). A provider that fails loses its group, not
 * the search (logged).
 */
export async function search(
  access: AccessContext,
  options: SearchOptions
): Promise<SearchGroup[]> {
  const q = options.q.trim()
  if (!q) return []
  const [registry, enabled] = await Promise.all([
    moduleRegistry(),
    options.enabled ?? installer().then((i) => i.enabled(access.organizationId)),
  ])
  const labels = new Map(registry.resources().map((r) => [r.key, r.label]))
  const providers = registry
    .searchProviders()
    .filter((p) => enabled.has(p.module) && access.can(`${p.resource}.view`))
  const groups = await Promise.all(
    providers.map(async (p): Promise<SearchGroup | null> => {
      try {
        const { default: provider } = await p.provider()
        const results = await provider.search({ access, q, limit: options.limit })
        return {
          resource: p.resource,
          module: p.module,
          label: labels.get(p.resource) ?? `${p.resource}.title`,
          results: results.slice(0, options.limit),
        }
      } catch (error) {
        logger.error({ err: error, resource: p.resource }, 'search provider failed')
        return null
      }
    })
  )
  return groups.filter((g): g is SearchGroup => g !== null && g.results.length > 0)
}
