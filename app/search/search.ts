import logger from '@adonisjs/core/services/logger'
import type { AccessContext } from '#app/access/access_context'
import { moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'
import type { SearchProvider, SearchResult } from '#app/registry/types'
import db from '@adonisjs/lucid/services/db'
import { searchIndex } from './indexer.js'

/** Hits of one resource, with the i18n key of the resource's label. */
export interface SearchGroup {
  resource: string
  module: string
  label: string
  /** Tabler icon name declared with the provider. */
  icon: string | null
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
 * parallel, and returns the resources with hits, in module order. A provider that feeds the
 * index (`documents`) is read from it, with the user's record scope as a condition of the
 * index query; a legacy provider applies the scope itself (`access.scope`). A provider that
 * fails loses its group, not the search (logged).
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
        const results = await find(provider, p.resource, access, q, options.limit)
        return {
          resource: p.resource,
          module: p.module,
          label: labels.get(p.resource) ?? `${p.resource}.title`,
          icon: p.icon ?? null,
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

/** One resource's hits: from the index, or from a legacy provider's own search. */
async function find(
  provider: SearchProvider,
  resource: string,
  access: AccessContext,
  q: string,
  limit: number
): Promise<SearchResult[]> {
  if (!provider.documents || !provider.href)
    return (await provider.search?.({ access, q, limit })) ?? []
  const client = db.connection()
  const constraint = await access.constraint(resource, 'view', client)
  if (constraint.kind === 'none') return []
  const owners = constraint.kind === 'all' ? 'all' : constraint.ownerIds
  const hits = await searchIndex().query(
    { organizationId: access.organizationId, resource, q, owners, limit },
    client
  )
  return hits.map((h) => ({
    id: h.recordId,
    title: h.title,
    subtitle: h.subtitle,
    href: provider.href!(h.recordId),
  }))
}
