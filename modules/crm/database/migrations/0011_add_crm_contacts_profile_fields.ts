import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * A contact's gender (editable list crm.genders), language (ISO 639-1, for personalised mass
 * mail), birthday, and GDPR communication consent: its status (granted / denied / unknown), when
 * and how it was given (crm.consent_sources), and the opt-out with its date and source. Consent
 * and opt-out are list filters: each has its live index like the others (0009).
 */
const FILTERS = {
  crm_contacts_live_consent_idx: 'consent_status',
  crm_contacts_live_opted_out_idx: 'opted_out',
  crm_contacts_live_language_idx: 'language',
} as const

export default class extends BaseSchema {
  static disableTransactions = true

  async up() {
    this.schema.alterTable('crm_contacts', (table) => {
      table.string('gender', 40).nullable()
      table.string('language', 5).nullable()
      table.date('birthday').nullable()
      table.string('consent_status', 10).notNullable().defaultTo('unknown')
      table.dateTime('consent_at').nullable()
      table.string('consent_source', 40).nullable()
      table.boolean('opted_out').notNullable().defaultTo(false)
      table.dateTime('opted_out_at').nullable()
      table.string('opt_out_source', 40).nullable()
      for (const [name, column] of Object.entries(FILTERS))
        table.index(['organization_id', column, 'deleted_at', 'name_normalized', 'id'], name)
    })
  }

  async down() {
    this.schema.alterTable('crm_contacts', (table) => {
      for (const [name, column] of Object.entries(FILTERS))
        table.dropIndex(['organization_id', column, 'deleted_at', 'name_normalized', 'id'], name)
    })
    this.schema.alterTable('crm_contacts', (table) => {
      for (const column of [
        'gender',
        'language',
        'birthday',
        'consent_status',
        'consent_at',
        'consent_source',
        'opted_out',
        'opted_out_at',
        'opt_out_source',
      ])
        table.dropColumn(column)
    })
  }
}
