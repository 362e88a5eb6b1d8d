import { DateTime } from 'luxon'
import { BaseModel, beforeSave, column } from '@adonisjs/lucid/orm'
import { normalizeName } from '#app/support/normalize'

export default class Role extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare name: string

  /** Sort key of the name (lowercase, no accents), kept by `normalize` below. */
  @column({ serializeAs: null })
  declare nameNormalized: string

  @column()
  declare description: string | null

  // SQLite returns 0/1.
  @column({ consume: (value) => Boolean(value) })
  declare isAdmin: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @beforeSave()
  static normalize(role: Role) {
    if (typeof role.name === 'string') role.nameNormalized = normalizeName(role.name, 80)
  }
}
