import db from '@adonisjs/lucid/services/db'
import { toIso } from '#app/support/dates'

export interface UserFormOptions {
  roles: { value: string; label: string; isAdmin: boolean }[]
  managers: { value: string; label: string; isActive: boolean }[]
  timezones: string[]
}

export interface UserFormValues {
  id: number
  fullName: string
  email: string
  locale: 'es' | 'en'
  timezone: string
  roleIds: number[]
  reportsToId: number | null
  isActive: boolean
  lastLoginAt: string | null
}

/** The organization's roles as choices (the users list filter and the user form). */
export async function roleOptions(organizationId: number): Promise<UserFormOptions['roles']> {
  const roles = await db
    .from('roles')
    .where('organization_id', organizationId)
    .orderBy('name_normalized')
    .orderBy('id')
    .select('id', 'name', 'is_admin')
  return roles.map((r) => ({ value: String(r.id), label: r.name, isAdmin: Boolean(r.is_admin) }))
}

/** Choices of the user form: the organization's roles and possible managers. */
export async function userFormOptions(
  organizationId: number,
  editingId?: number
): Promise<UserFormOptions> {
  const [roles, users] = await Promise.all([
    roleOptions(organizationId),
    db
      .from('users')
      .where('organization_id', organizationId)
      .orderBy('full_name_normalized')
      .orderBy('id')
      .select('id', 'full_name', 'is_active'),
  ])
  return {
    roles,
    managers: users
      .filter((u) => Number(u.id) !== editingId)
      .map((u) => ({ value: String(u.id), label: u.full_name, isActive: Boolean(u.is_active) })),
    timezones: Intl.supportedValuesOf('timeZone'),
  }
}

/** A user of the organization as the edit form shows it (404 for anyone else's). */
export async function userFormValues(
  organizationId: number,
  userId: number
): Promise<UserFormValues> {
  const user = await db
    .from('users')
    .where({ id: userId, organization_id: organizationId })
    .select(
      'id',
      'full_name',
      'email',
      'locale',
      'timezone',
      'reports_to_id',
      'is_active',
      'last_login_at'
    )
    .firstOrFail()
  const roles = await db.from('user_roles').where('user_id', userId).select('role_id')
  return {
    id: Number(user.id),
    fullName: user.full_name,
    email: user.email,
    locale: user.locale === 'en' ? 'en' : 'es',
    timezone: user.timezone,
    roleIds: roles.map((r) => Number(r.role_id)),
    reportsToId: user.reports_to_id === null ? null : Number(user.reports_to_id),
    isActive: Boolean(user.is_active),
    lastLoginAt: user.last_login_at ? toIso(user.last_login_at) : null,
  }
}
