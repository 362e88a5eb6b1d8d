import { DateTime } from 'luxon'
import { BaseModel, column, manyToMany } from '@adonisjs/lucid/orm'
import type { ManyToMany } from '@adonisjs/lucid/types/relations'
import User from '#models/user'

export default class Team extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare name: string

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
}
