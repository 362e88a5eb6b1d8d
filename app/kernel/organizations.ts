import db from '@adonisjs/lucid/services/db'
import Organization from '#models/organization'
import Role from '#models/role'
import User from '#models/user'
import { licences } from '#app/licensing/licence_service'
import { moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'
import { ModuleInstallError } from '#app/registry/installations'

/** No organization answers to the slug given on the command line (or none exists yet). */
export class UnknownOrganizationError extends Error {}

/** The organization named by slug, or the first one when no slug is given (CLI default). */
export async function organizationBySlug(slug?: string): Promise<Organization> {
  const org = slug
    ? await Organization.findBy('slug', slug)
    : await Organization.query().orderBy('id').first()
  if (!org)
    throw new UnknownOrganizationError(
      slug
        ? `No organization with slug "${slug}"`
        : 'No organization yet: run `npm run setup` first'
    )
  return org
}

export interface NewOrganization {
  name: string
  slug: string
  nif?: string | null
  admin: { email: string; fullName: string; password: string; locale?: 'es' | 'en' }
}

/**
 * A new organization with an "Administrador" role and its first administrator, every
 * registered module installed (what the licence allows). The first organization of a
 * deployment becomes its host: its administrators manage the licence.
 */
export async function createOrganizationWithAdmin(
  input: NewOrganization
): Promise<{ organization: Organization; admin: User; modules: string[] }> {
  const registry = await moduleRegistry()
  const modules = await installer()
  const { organization, admin } = await db.transaction(async (trx) => {
    await licences.assertSeats(1, trx)
    const hasHost = await trx.from('organizations').where('manages_licence', true).first()
    const created = await Organization.create(
      {
        name: input.name,
        slug: input.slug,
        nif: input.nif ?? null,
        defaultLocale: input.admin.locale ?? 'es',
        timezone: 'Europe/Madrid',
        currency: 'EUR',
        managesLicence: !hasHost,
      },
      { client: trx }
    )
    const role = await Role.create(
      {
        organizationId: created.id,
        name: 'Administrador',
        description: 'Acceso completo y administración',
        isAdmin: true,
      },
      { client: trx }
    )
    const adminUser = await User.create(
      {
        organizationId: created.id,
        email: input.admin.email.trim().toLowerCase(),
        fullName: input.admin.fullName,
        password: input.admin.password,
        isActive: true,
        locale: input.admin.locale ?? 'es',
        timezone: 'Europe/Madrid',
        reportsToId: null,
      },
      { client: trx }
    )
    await trx.table('user_roles').insert({ user_id: adminUser.id, role_id: role.id })
    return { organization: created, admin: adminUser }
  })
  const installed: string[] = []
  for (const name of registry.names()) {
    try {
      installed.push(...(await modules.install(organization.id, name, admin.id)))
    } catch (error) {
      if (!(error instanceof ModuleInstallError) || error.code !== 'not_licensed') throw error
    }
  }
  return { organization, admin, modules: [...new Set(installed)] }
}
