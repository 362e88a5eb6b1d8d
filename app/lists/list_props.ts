import { moduleRegistry } from '#app/registry/main'
import type { ListDeclaration } from '#app/registry/types'
import type { AccessContext } from '#app/access/access_context'

/**
 * What narrows the list for this user: `all` (nothing), `own` (her records) or `team` (her
 * team's). The list says so above the rows ("Viendo sus registros · 90").
 */
/** What the user's view scope lets her see: own records, her team's, her reports' (hierarchy) or both. */
export type ListScope = 'all' | 'own' | 'team' | 'hierarchy' | 'team_hierarchy'

export interface ListProps {
  /** The resource's declaration (labels as i18n keys, quick-filter dates resolved). */
  declaration: ListDeclaration
  scope: ListScope
}

/** First day of the current month, `YYYY-MM-DD` (UTC). */
function monthStart(now: Date) {
  return `${now.toISOString().slice(0, 7)}-01`
}

/** Replaces the tokens of quick-filter values: `$month_start`, `$today`. */
function resolveToken(value: string, now: Date) {
  if (value === '$month_start') return monthStart(now)
  if (value === '$today') return now.toISOString().slice(0, 10)
  return value
}

/**
 * The list declaration of `resource` (ResourceDefinition.list) and the user's scope, for the
 * list page's props. Throws when the resource declares no list: a programming error.
 */
export async function listProps(
  access: AccessContext,
  resource: string,
  now = new Date()
): Promise<ListProps> {
  const registry = await moduleRegistry()
  const found = registry.resources().find((r) => r.key === resource)
  if (!found?.list) throw new Error(`Resource ${resource} declares no list`)
  const constraint = await access.constraint(resource)
  const scope = listScope(access, resource, constraint)
  const { columns, sorts, quickFilters = [] } = found.list
  return {
    declaration: {
      columns,
      sorts,
      quickFilters: quickFilters.map((q) => ({
        ...q,
        params: Object.fromEntries(
          Object.entries(q.params).map(([k, v]) => [k, resolveToken(v, now)])
        ),
      })),
    },
    scope,
  }
}

/** How the list names the user's scope ("Viendo sus registros", "… los de su equipo"…). */
function listScope(
  access: AccessContext,
  resource: string,
  constraint: Awaited<ReturnType<AccessContext['constraint']>>
): ListScope {
  if (constraint.kind !== 'owners') return 'all'
  if (constraint.ownerIds.length === 1 && constraint.ownerIds[0] === access.userId) return 'own'
  const granted = access.grants.scopes.get(`${resource}.view`) ?? new Set()
  if (granted.has('team') && granted.has('hierarchy')) return 'team_hierarchy'
  return granted.has('hierarchy') ? 'hierarchy' : 'team'
}
