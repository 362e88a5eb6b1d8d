import type { AccessContext } from '#app/access/access_context'
import type { CubeCompilers } from './schema.js'
import { cubesOfMember, queryMembers, type CubeFilter, type CubeQuery } from './members.js'

/** Who asks: Cube's security context for the embedded gateway. */
export interface SecurityContext {
  organizationId: number
  userId: number
}

/**
 * The query rewrite: every cube the query reaches gets the constraint the scope resolver gives
 * the CRM lists. `organization_id` is always the user's organization; a cube whose meta names a
 * `scope_resource` (e.g. crm.opportunities) is limited to owners in the user's scope for `view`
 * on that resource (`own`, `team`, `hierarchy`, `all`, nothing) — or, with `meta.scope_leader`,
 * led by the user (a team quota's leader). Cube ANDs top-level filters.
 */
export async function scopeQuery(
  compilers: CubeCompilers,
  query: CubeQuery,
  access: AccessContext
): Promise<CubeQuery> {
  const paths = queryMembers(query).map((m) => cubesOfMember(compilers, m))
  const roots = new Set(paths.map((p) => p[0]))
  const cubes = new Set(paths.flat())
  const evaluator = compilers.cubeEvaluator as any
  const scoped = [...cubes].filter((name) => evaluator.cubeFromPath(name).meta?.scope_resource)
  const filters: CubeFilter[] = []
  for (const name of [...cubes].sort()) {
    const cube = evaluator.cubeFromPath(name)
    const resource: string | undefined = cube.meta?.scope_resource
    // Reference cubes (owners, teams, stages…) are reached through a scoped cube's own rows;
    // filtering them too would drop that cube's rows whose reference is empty.
    if (!resource && scoped.length) continue
    const own: CubeFilter[] = []
    if (cube.dimensions?.organization_id)
      own.push(equals(`${name}.organization_id`, [String(access.organizationId)]))
    const owners = resource ? await ownerFilter(name, cube, resource, access) : null
    if (owners) own.push(owners)
    if (!own.length) continue
    // A cube joined to the query's root (LEFT JOIN) keeps the root's rows that have none of it.
    if (roots.has(name)) filters.push(...own)
    else filters.push({ or: [{ and: own }, { member: `${name}.id`, operator: 'notSet' }] })
  }
  return { ...query, filters: [...(query.filters ?? []), ...filters] }
}

async function ownerFilter(
  name: string,
  cube: any,
  resource: string,
  access: AccessContext
): Promise<CubeFilter | null> {
  if (!cube.dimensions?.owner_id)
    throw new Error(`Analytics: cube ${name} has a scope_resource but no owner_id dimension`)
  const constraint = await access.constraint(resource, 'view')
  if (constraint.kind === 'all') return null
  // Nothing in scope: no owner id is negative, so no row matches.
  const owners = constraint.kind === 'owners' ? constraint.ownerIds.map(String) : []
  const byOwner = equals(`${name}.owner_id`, owners.length ? owners : ['-1'])
  // A cube may also show the rows the user leads (meta.scope_leader: team quotas to their
  // team's leader), as long as the user holds the permission at all.
  const leader: string | undefined = cube.meta?.scope_leader
  if (!leader || constraint.kind === 'none') return byOwner
  if (!cube.dimensions?.[leader])
    throw new Error(
      `Analytics: cube ${name} names scope_leader ${leader} but has no such dimension`
    )
  return { or: [byOwner, equals(`${name}.${leader}`, [String(access.userId)])] }
}

const equals = (member: string, values: string[]): CubeFilter => ({
  member,
  operator: 'equals',
  values,
})
