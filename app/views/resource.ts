import type { AccessContext } from '#app/access/access_context'
import { ForbiddenException } from '#exceptions/forbidden_exception'
import { moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'

/**
 * Saved views belong to a list: the resource must be one a loaded manifest registers (with a
 * `view` action), of a module enabled for the organization, that the user may view. Anything
 * else answers 403 (an unknown key is a client's mistake, not a missing record).
 */
export async function checkViewResource(access: AccessContext, key: string): Promise<void> {
  const registry = await moduleRegistry()
  const resource = registry.resources().find((r) => r.key === key)
  if (!resource || !resource.actions.includes('view')) throw new ForbiddenException()
  const enabled = await (await installer()).enabled(access.organizationId)
  if (!enabled.has(resource.module)) throw new ForbiddenException()
  access.authorize(`${key}.view`)
}
