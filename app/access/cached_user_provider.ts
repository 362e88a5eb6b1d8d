import db from '@adonisjs/lucid/services/db'
import { SessionLucidUserProvider } from '@adonisjs/auth/session'
import type { LucidAuthenticatable } from '@adonisjs/auth/types/session'
import { cachedAuthUser } from '#app/support/cache'

/**
 * Columns of the signed-in user kept in the shared cache: no password hash (whoever needs it
 * reads it from the table) and no timestamps (nothing reads them from the signed-in user).
 */
const COLUMNS = [
  'id',
  'organization_id',
  'full_name',
  'full_name_normalized',
  'email',
  'is_active',
  'locale',
  'timezone',
  'reports_to_id',
]

/**
 * The session guard's user lookup, on every signed-in request, from the shared cache: the User
 * model drops it on every save, and so do deactivation and every change to the user's sessions
 * (app/support/cache.ts, `forgetAuth`).
 */
export class CachedUserProvider<
  Model extends LucidAuthenticatable,
> extends SessionLucidUserProvider<Model> {
  async findById(identifier: string | number | BigInt) {
    const id = Number(identifier)
    if (!Number.isSafeInteger(id)) return null
    const row = await cachedAuthUser(id, async () => {
      const found = await db.from('users').where('id', id).select(COLUMNS).first()
      return found ?? null
    })
    if (!row) return null
    const model = await this.getModel()
    return this.createUserForGuard(model.$createFromAdapterResult(row) as InstanceType<Model>)
  }
}
