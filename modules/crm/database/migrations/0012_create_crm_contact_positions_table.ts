import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * A contact's positions over time: one row per company they worked at (position, department,
 * from / to). `current` marks the open one (at most one per contact, kept by the actions);
 * moving a contact to another company closes it and opens a new one, so a company page can list
 * its former contacts apart. Existing contacts with a company get their current position.
 * A position whose company is gone is skipped when shown (joined to live companies).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_contact_positions', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      // No foreign keys to contact and company: a position is history, kept when its company is
      // purged (the contact page still names where they worked until the purge removes it), and
      // bulk deletes (an import's undo) need no ordering. The actions delete a contact's rows.
      table.integer('contact_id').unsigned().notNullable()
      table.integer('company_id').unsigned().notNullable()
      table.string('position', 120).nullable()
      table.string('department', 120).nullable()
      table.date('started_on').nullable()
      table.date('ended_on').nullable()
      table.boolean('current').notNullable().defaultTo(true)
      table.dateTime('created_at').notNullable()
      table.index(['contact_id', 'current'], 'crm_contact_positions_contact_idx')
      table.index(['organization_id', 'company_id', 'current'], 'crm_contact_positions_company_idx')
      table.index(['company_id'], 'crm_contact_positions_company_fk_idx')
    })
    this.defer(async (db) => {
      const now = new Date().toISOString().slice(0, 19).replace('T', ' ')
      let last = 0
      for (;;) {
        const rows = await db
          .from('crm_contacts')
          .where('id', '>', last)
          .whereNotNull('company_id')
          .orderBy('id')
          .limit(500)
          .select('id', 'organization_id', 'company_id', 'position', 'department', 'created_at')
        if (!rows.length) break
        await db.table('crm_contact_positions').multiInsert(
          rows.map((r) => ({
            organization_id: r.organization_id,
            contact_id: r.id,
            company_id: r.company_id,
            position: r.position,
            department: r.department,
            started_on: null,
            ended_on: null,
            current: true,
            created_at: now,
          }))
        )
        last = Number(rows[rows.length - 1].id)
      }
    })
  }

  async down() {
    this.schema.dropTable('crm_contact_positions')
  }
}
