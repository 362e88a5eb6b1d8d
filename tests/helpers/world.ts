import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import type User from '#models/user'
import Team from '#models/team'
import { OrganizationFactory } from '#database/factories/organization_factory'
import { UserFactory } from '#database/factories/user_factory'
import { RoleFactory } from '#database/factories/role_factory'
import { installer } from '#app/registry/services'
import type { Scope } from '#app/registry/types'

export interface RoleSpec {
  isAdmin?: boolean
  permissions?: string[]
  /** Scope per resource, e.g. { 'sonda.items': 'own' }. */
  scopes?: Record<string, Scope>
}

/** An organization with the given modules installed. */
export async function createOrganization(modules: string[] = []): Promise<Organization> {
  const org = await OrganizationFactory.create()
  const modulesInstaller = await installer()
  for (const name of modules) await modulesInstaller.install(org.id, name, null)
  return org
}

/** A user of `org` holding one role built from `role`. */
export async function createUser(
  org: Organization,
  role: RoleSpec = {},
  attributes: Partial<User> = {}
): Promise<User> {
  const user = await UserFactory.merge({ organizationId: org.id, ...attributes }).create()
  const created = await RoleFactory.merge({
    organizationId: org.id,
    isAdmin: !!role.isAdmin,
  }).create()
  if (role.permissions?.length) {
    await db
      .table('role_permissions')
      .multiInsert(role.permissions.map((p) => ({ role_id: created.id, permission: p })))
  }
  const scopes = Object.entries(role.scopes ?? {})
  if (scopes.length) {
    await db
      .table('role_scopes')
      .multiInsert(scopes.map(([resource, scope]) => ({ role_id: created.id, resource, scope })))
  }
  await db.table('user_roles').insert({ user_id: user.id, role_id: created.id })
  return user
}

export async function createTeam(
  org: Organization,
  leader: User | null,
  members: User[],
  name = `Equipo ${Date.now()}`
) {
  const team = await Team.create({
    organizationId: org.id,
    name,
    leaderId: leader?.id ?? null,
    monthlyTargetMinor: '0',
    currency: 'EUR',
  })
  if (members.length) await team.related('members').attach(members.map((m) => m.id))
  return team
}

/** Every permission of the given resources' actions, e.g. crud('sonda.items'). */
export function crud(
  resource: string,
  actions = ['view', 'create', 'edit', 'delete', 'export']
): string[] {
  return actions.map((a) => `${resource}.${a}`)
}
