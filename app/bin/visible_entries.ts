import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { AccessContext } from '#app/access/access_context'
import { binResource, binResources } from './resources.js'

/**
 * The bin resources whose entries the user may see: those they may delete (the permission),
 * of modules enabled for the organization (`enabled`; all when not given).
 */
export function binResourcesFor(access: AccessContext, enabled?: ReadonlySet<string>): string[] {
  return binResources().filter(
    (r) => (!enabled || enabled.has(binResource(r)!.module)) && access.can(`${r}.delete`)
  )
}

/**
 * Bin entries (alias `b`) of the user's organization that the user may see, or act on with
 * `action`: per resource, the record scope of that action applied to the owner the record had
 * when it was binned — a rep with `own` sees her own records only. Wrapped in an object: a
 * query builder is thenable, returned from an async function it would run.
 */
export async function visibleEntries(
  access: AccessContext,
  action: 'view' | 'delete' = 'view',
  enabled?: ReadonlySet<string>
): Promise<{ query: DatabaseQueryBuilderContract<any> }> {
  const query = db.from('bin_entries as b').where('b.organization_id', access.organizationId)
  const resolved = await Promise.all(
    binResourcesFor(access, enabled).map(async (resource) => ({
      resource,
      constraint: await access.constraint(resource, action),
    }))
  )
  const open = resolved.filter((c) => c.constraint.kind !== 'none')
  if (!open.length) return { query: query.whereRaw('1 = 0') }
  query.where((w) => {
    for (const { resource, constraint } of open) {
      w.orWhere((r) => {
        r.where('b.resource', resource)
        if (constraint.kind === 'owners') r.whereIn('b.owner_id', constraint.ownerIds)
      })
    }
  })
  return { query }
}
