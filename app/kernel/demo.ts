import db from '@adonisjs/lucid/services/db'
import Organization from '#models/organization'
import User from '#models/user'
import Role from '#models/role'
import Team from '#models/team'
import type { ModuleRegistry } from '#app/registry/registry'
import { installer } from '#app/registry/services'
import { seedDemoSettings } from '#app/settings/demo'
import type { DemoRole, Scope } from '#app/registry/types'
import { seedDemoNotifications } from '#app/notifications/demo'

export const DEMO_PASSWORD = 'cartera-demo'
export const DEMO_ORGANIZATION = 'Demo Distribuciones S.L.'

/** Deterministic pseudo-random numbers so every demo database looks the same. */
export function seededRandom(seed = 20261123): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface RoleSpec {
  name: string
  description: string
  isAdmin?: boolean
  scope: Scope
}

/**
 * The demo roles. What each may do on a resource is the resource's `demo` grants in its
 * module's manifest (keyed by these role keys, DEMO_ROLES); the scope is the role's.
 */
const ROLES: Record<'admin' | DemoRole, RoleSpec> = {
  admin: {
    name: 'Administrador',
    description: 'Acceso completo y administración',
    isAdmin: true,
    scope: 'all',
  },
  director: {
    name: 'Dirección comercial',
    description: 'Ve y gestiona todos los registros',
    scope: 'all',
  },
  leader: {
    name: 'Jefe de equipo',
    description: 'Ve los registros de su equipo',
    scope: 'team',
  },
  zone: {
    name: 'Jefa de zona',
    description: 'Ve sus registros y los de quienes le reportan, directa o indirectamente',
    scope: 'hierarchy',
  },
  rep: {
    name: 'Comercial',
    description: 'Ve y gestiona solo sus registros',
    scope: 'own',
  },
  support: {
    name: 'Soporte',
    description: 'Consulta todos los registros',
    scope: 'all',
  },
}

const USERS = [
  {
    key: 'admin',
    email: 'admin@demo.cartera.es',
    fullName: 'Ana Martín Gómez',
    role: 'admin',
    reportsTo: null,
  },
  {
    key: 'manager',
    email: 'gerente@demo.cartera.es',
    fullName: 'Carlos Ruiz Ortega',
    role: 'director',
    reportsTo: null,
  },
  {
    key: 'leader',
    email: 'jefe.norte@demo.cartera.es',
    fullName: 'Elena Navarro Gil',
    role: 'leader',
    reportsTo: 'manager',
  },
  // Reporting line, not a team: she sees her own records and those of ventas2 (hierarchy scope).
  {
    key: 'zoneLead',
    email: 'jefa.sur@demo.cartera.es',
    fullName: 'Rocío Jiménez Morales',
    role: 'zone',
    reportsTo: 'manager',
  },
  {
    key: 'rep1',
    email: 'ventas1@demo.cartera.es',
    fullName: 'Lucía Fernández Soto',
    role: 'rep',
    reportsTo: 'manager',
  },
  {
    key: 'rep2',
    email: 'ventas2@demo.cartera.es',
    fullName: 'Javier López Prieto',
    role: 'rep',
    reportsTo: 'zoneLead',
  },
  {
    key: 'support',
    email: 'soporte@demo.cartera.es',
    fullName: 'Marta Sánchez Vidal',
    role: 'support',
    reportsTo: null,
  },
  {
    key: 'former',
    email: 'antiguo@demo.cartera.es',
    fullName: 'Pedro Alonso Rey',
    role: 'rep',
    reportsTo: 'manager',
    inactive: true,
  },
] as const

/**
 * Creates the demo organization with its roles, users and teams, installs every module and
 * lets each module seed its own demo data. Does nothing when the organization exists.
 */
export async function seedDemo(registry: ModuleRegistry, log: (line: string) => void = () => {}) {
  if (await Organization.findBy('slug', 'demo')) {
    log('demo organization already exists: nothing to do')
    return false
  }
  const org = await Organization.create({
    name: DEMO_ORGANIZATION,
    slug: 'demo',
    nif: 'B12345674',
    defaultLocale: 'es',
    timezone: 'Europe/Madrid',
    currency: 'EUR',
    managesLicence: true,
  })

  const roles: Record<string, Role> = {}
  for (const [key, spec] of Object.entries(ROLES)) {
    roles[key] = await Role.create({
      organizationId: org.id,
      name: spec.name,
      description: spec.description,
      isAdmin: !!spec.isAdmin,
    })
    if (spec.isAdmin) continue
    const role = key as DemoRole
    const permissions = [
      ...registry
        .resources()
        .flatMap((r) => (r.demo?.[role] ?? []).map((action) => `${r.key}.${action}`)),
      ...registry
        .permissions()
        .filter((p) => !p.resource && p.demo?.includes(role))
        .map((p) => p.key),
    ]
    if (permissions.length) {
      await db
        .table('role_permissions')
        .multiInsert(permissions.map((permission) => ({ role_id: roles[key].id, permission })))
    }
    const resources = registry.resources()
    if (resources.length) {
      await db
        .table('role_scopes')
        .multiInsert(
          resources.map((r) => ({ role_id: roles[key].id, resource: r.key, scope: spec.scope }))
        )
    }
  }

  const users: Record<string, number> = {}
  for (const spec of USERS) {
    const user = await User.create({
      organizationId: org.id,
      email: spec.email,
      fullName: spec.fullName,
      password: DEMO_PASSWORD,
      isActive: !('inactive' in spec && spec.inactive),
      locale: 'es',
      timezone: 'Europe/Madrid',
      reportsToId: spec.reportsTo ? users[spec.reportsTo] : null,
    })
    users[spec.key] = user.id
    await db.table('user_roles').insert({ user_id: user.id, role_id: roles[spec.role].id })
  }

  const centro = await Team.create({
    organizationId: org.id,
    name: 'Equipo Centro',
    leaderId: users.manager,
    monthlyTargetMinor: '6000000',
    currency: 'EUR',
  })
  await centro.related('members').attach([users.rep1, users.former])
  const norte = await Team.create({
    organizationId: org.id,
    name: 'Equipo Norte',
    leaderId: users.leader,
    monthlyTargetMinor: '4500000',
    currency: 'EUR',
  })
  await norte.related('members').attach([users.rep2])
  log(`organization "${org.name}", ${Object.keys(users).length} users, 2 teams`)
  await seedDemoSettings(org.id)

  const modules = await installer()
  for (const name of registry.names()) await modules.install(org.id, name, users.admin)

  const random = seededRandom()
  for (const { manifest } of registry.modules) {
    if (!manifest.demoSeeder) continue
    const { default: seed } = await manifest.demoSeeder()
    await seed({ organizationId: org.id, users, random })
    log(`module ${manifest.name}: demo data seeded`)
  }
  await seedDemoNotifications(org.id, users.admin)
  return true
}
