import { DateTime } from 'luxon'
import { BaseModel, beforeSave, column, manyToMany } from '@adonisjs/lucid/orm'
import type { ManyToMany } from '@adonisjs/lucid/types/relations'
import User from '#models/user'
import { normalizeName } from '#app/support/normalize'

export default class Team extends BaseModel {
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
  declare leaderId: number | null

  /** Monthly target in minor units (céntimos); bigint columns come back as strings on MySQL. */
  @column({ consume: (v) => (v === null || v === undefined ? '0' : String(v)) })
  declare monthlyTargetMinor: string

  @column()
  declare currency: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @manyToMany(() => User, { pivotTable: 'team_members' })
  declare members: ManyToMany<typeof User>

  @beforeSave()
  static normalize(team: Team) {
    if (typeof team.name === 'string') team.nameNormalized = normalizeName(team.name, 120)
  }
}
