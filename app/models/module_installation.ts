import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export default class ModuleInstallation extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare module: string

  @column()
  declare status: 'installed' | 'uninstalled'

  @column()
  declare installedBy: number | null

  @column.dateTime()
  declare installedAt: DateTime | null

  @column.dateTime()
  declare uninstalledAt: DateTime | null

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
