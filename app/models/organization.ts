import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export default class Organization extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare slug: string

  @column()
  declare nif: string | null

  @column()
  declare defaultLocale: string

  @column()
  declare timezone: string

  @column()
  declare currency: string

  @column({ consume: (value) => Boolean(value) })
  declare managesLicence: boolean

  /** Active users this organization may have (set by the host within the licence); null: no quota. */
  @column()
  declare seatQuota: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
