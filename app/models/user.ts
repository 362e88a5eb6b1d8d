import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import {
  BaseModel,
  afterDelete,
  afterSave,
  beforeSave,
  beforeUpdate,
  column,
  manyToMany,
} from '@adonisjs/lucid/orm'
import type { ManyToMany } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import { DbRememberMeTokensProvider } from '@adonisjs/auth/session'
import Role from '#models/role'
import { normalizeName } from '#app/support/normalize'
import { userSessions } from '#app/access/user_sessions'
import { forgetAuth, forgetUsers } from '#app/support/cache'

/** Columns the cached users lists show or depend on (app/support/cache.ts, `forgetUsers`). */
const LISTED = ['fullName', 'isActive', 'organizationId', 'reportsToId']
/** Users saved with a change to one of those columns, between the before and after hooks. */
const relisted = new WeakSet<object>()

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

export default class User extends compose(BaseModel, AuthFinder) {
  static rememberMeTokens = DbRememberMeTokensProvider.forModel(User)

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare fullName: string

  /** Sort and search key of the name (lowercase, no accents), kept by `normalize` below. */
  @column({ serializeAs: null })
  declare fullNameNormalized: string

  @column()
  declare email: string

  @column({ serializeAs: null })
  declare password: string

  // SQLite returns 0/1.
  @column({ consume: (value) => Boolean(value) })
  declare isActive: boolean

  @column()
  declare locale: string

  @column()
  declare timezone: string

  @column()
  declare reportsToId: number | null

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @manyToMany(() => Role, { pivotTable: 'user_roles' })
  declare roles: ManyToMany<typeof Role>

  @beforeSave()
  static normalize(user: User) {
    if (typeof user.fullName === 'string')
      user.fullNameNormalized = normalizeName(user.fullName, 160)
    if (!user.$isPersisted || LISTED.some((key) => key in user.$dirty)) relisted.add(user)
  }

  /** Every instance reads the user (and, when listed columns changed, the users lists) anew. */
  @afterSave()
  static async forgetCached(user: User) {
    await forgetAuth(user.id, user.$trx)
    if (relisted.delete(user)) await forgetUsers(user.$trx)
  }

  @afterDelete()
  static async forgetDeleted(user: User) {
    await forgetAuth(user.id, user.$trx)
    await forgetUsers(user.$trx)
  }

  /**
   * A new password (profile, reset link, an administrator) signs every session out; the
   * profile page opens a fresh one for the device that made the change.
   */
  @beforeUpdate()
  static async endSessionsOnNewPassword(user: User) {
    if (user.$dirty.password)
      await userSessions.revokeAll(user.id, 'password_changed', { trx: user.$trx })
  }
}
