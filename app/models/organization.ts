import { DateTime } from 'luxon'
import { BaseModel, afterDelete, afterSave, column } from '@adonisjs/lucid/orm'
import db from '@adonisjs/lucid/services/db'
import { errors } from '@adonisjs/lucid'
import { cachedOrganization, forgetOrganizations } from '#app/support/cache'

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

  /**
   * Every request reads its organization: from the shared cache, dropped on every save (the
   * timestamps are left out of the cached copy).
   */
  static async cached(id: number): Promise<Organization> {
    const row = await cachedOrganization(id, () =>
      db
        .from('organizations')
        .where('id', id)
        .select('id', 'name', 'slug', 'nif', 'default_locale', 'timezone', 'currency')
        .select('manages_licence', 'seat_quota')
        .first()
    )
    if (!row) throw new errors.E_ROW_NOT_FOUND(this)
    return this.$createFromAdapterResult(row)!
  }

  @afterSave()
  @afterDelete()
  static async forgetCached() {
    await forgetOrganizations()
  }
}
