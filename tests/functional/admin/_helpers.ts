import type { ApiRequest } from '@japa/api-client'
import type Organization from '#models/organization'
import type User from '#models/user'
import { createOrganization, createUser } from '#tests/helpers/world'

/** An organization with the given modules and one administrator (Spanish unless told). */
export async function adminWorld(modules: string[] = [], attributes: Partial<User> = {}) {
  const org = await createOrganization(modules)
  // The organization under test is the deployment's host (it may manage the licence).
  org.managesLicence = true
  await org.save()
  const admin = await createUser(
    org,
    { isAdmin: true },
    { fullName: 'Ana Administradora', ...attributes }
  )
  return { org, admin }
}

export async function otherOrganization(): Promise<{ org: Organization; admin: User; user: User }> {
  const org = await createOrganization()
  const admin = await createUser(org, { isAdmin: true })
  const user = await createUser(org)
  return { org, admin, user }
}

/** A form write as the Inertia client sends it: JSON, signed in, with the CSRF token. */
export function write(request: ApiRequest, user: User, body: Record<string, unknown> = {}) {
  return request.loginAs(user).json(body).withCsrfToken().redirects(0)
}

/** Field errors flashed after a refused form (validation or business rule). */
export function fieldErrors(response: {
  flashMessages(): Record<string, any>
}): Record<string, string> {
  const flash = response.flashMessages()
  const input = flash.inputErrorsBag ?? {}
  const bag = flash.errorsBag ?? {}
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(input)) out[k] = Array.isArray(v) ? String(v[0]) : String(v)
  for (const [k, v] of Object.entries(bag)) if (!k.startsWith('E_')) out[k] = String(v)
  return out
}
