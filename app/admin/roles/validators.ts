import vine from '@vinejs/vine'
import { moduleRegistry } from '#app/registry/main'
import { SCOPES } from '#app/registry/types'

interface Meta {
  organizationId: number
  roleId?: number
}

function compile(permissionKeys: string[], resourceKeys: string[]) {
  return vine.withMetaData<Meta>().compile(
    vine.object({
      name: vine
        .string()
        .trim()
        .minLength(2)
        .maxLength(80)
        .unique(async (db, value, field) => {
          const query = db
            .from('roles')
            .where({ organization_id: field.meta.organizationId, name: value })
            .select('id')
          if (field.meta.roleId) query.whereNot('id', field.meta.roleId)
          return !(await query.first())
        }),
      description: vine.string().trim().maxLength(255).nullable().optional(),
      isAdmin: vine.boolean(),
      // Only keys the registered modules declare: a typo or a forged key is refused, not stored.
      permissions: vine.array(vine.enum(permissionKeys)).distinct().maxLength(2000),
      scopes: vine
        .array(vine.object({ resource: vine.enum(resourceKeys), scope: vine.enum(SCOPES) }))
        .distinct('resource')
        .maxLength(1000),
    })
  )
}

let validator: Promise<ReturnType<typeof compile>> | undefined

/** The role validator, built once from the module registry's permission keys and resources. */
export function roleValidator() {
  validator ??= moduleRegistry().then((registry) =>
    compile(
      registry.permissions().map((p) => p.key),
      registry.resources().map((r) => r.key)
    )
  )
  return validator
}

export type RoleData = Awaited<ReturnType<Awaited<ReturnType<typeof roleValidator>>['validate']>>
