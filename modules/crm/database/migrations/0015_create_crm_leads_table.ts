import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Leads (iniciativas): someone who may want to buy, before they are a customer. Portable to
 * SQLite, MySQL/MariaDB and MS SQL: dateTime (not timestamp), no cascading foreign keys, explicit
 * short index names. Lists filter by one column and sort by creation date (or name), so each list
 * index is (organization_id, <filter>, deleted_at, <sort>, id) like the companies' (see 0009).
 * (organization_id, owner_id, status) serves the assignment engine's least-loaded counts; the
 * normalized e-mail, phone, NIF and company name keys serve duplicate lookups (import, web forms,
 * the lead page). web_form_id and converted_opportunity_id carry no foreign key: their tables
 * belong to later migrations, and adding a key afterwards makes knex rebuild the SQLite table.
 */
const LIVE: Record<string, string[]> = {
  crm_leads_live_created_idx: ['organization_id', 'deleted_at', 'created_at', 'id'],
  crm_leads_live_name_idx: ['organization_id', 'deleted_at', 'name_normalized', 'id'],
  crm_leads_live_status_idx: ['organization_id', 'status', 'deleted_at', 'created_at', 'id'],
  crm_leads_live_source_idx: ['organization_id', 'source', 'deleted_at', 'created_at', 'id'],
  crm_leads_live_owner_idx: ['organization_id', 'owner_id', 'deleted_at', 'created_at', 'id'],
  crm_leads_live_team_idx: ['organization_id', 'team_id', 'deleted_at', 'created_at', 'id'],
  crm_leads_live_province_idx: ['organization_id', 'province', 'deleted_at', 'created_at', 'id'],
  crm_leads_live_sector_idx: ['organization_id', 'sector', 'deleted_at', 'created_at', 'id'],
}

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_leads', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      // What they want ("20 puestos de TPV para tres tiendas").
      table.string('title', 200).notNullable()
      table.string('first_name', 100).nullable()
      table.string('last_name', 150).nullable()
      table.string('company_name', 200).nullable()
      table.string('nif', 20).nullable()
      table.string('email', 254).nullable()
      // E-mail lowercased; phone as +<digits>: the same forms crm_emails / crm_phones compare.
      table.string('email_normalized', 254).nullable()
      table.string('phone', 40).nullable()
      table.string('phone_normalized', 40).nullable()
      table.string('website', 255).nullable()
      table.string('province', 60).nullable()
      table.string('postal_code', 10).nullable()
      table.string('country', 2).nullable()
      table.string('sector', 40).nullable()
      table.string('company_size', 20).nullable()
      table.string('product_interest', 40).nullable()
      table.string('language', 10).nullable()
      table.string('source', 40).nullable()
      table.text('description').nullable()
      table.string('status', 20).notNullable().defaultTo('new')
      table.integer('owner_id').unsigned().nullable().references('id').inTable('users')
      table.integer('team_id').unsigned().nullable().references('id').inTable('teams')
      table.string('disqualify_reason', 40).nullable()
      table.dateTime('disqualified_at').nullable()
      table.dateTime('converted_at').nullable()
      table
        .integer('converted_company_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('crm_companies')
      table
        .integer('converted_contact_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('crm_contacts')
      table.integer('converted_opportunity_id').unsigned().nullable()
      table.integer('web_form_id').unsigned().nullable()
      // "first last", lowercase without accents: the name sort and prefix search.
      table.string('name_normalized', 260).nullable()
      // The company name without legal form, accents or punctuation: compared with
      // crm_companies.name_key to find a lead that is already a customer.
      table.string('company_name_normalized', 200).nullable()
      table.dateTime('deleted_at').nullable()
      table.integer('deleted_by').unsigned().nullable()
      table.integer('created_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()

      for (const [name, columns] of Object.entries(LIVE)) table.index(columns, name)
      table.index(['organization_id', 'owner_id', 'status'], 'crm_leads_org_owner_status_idx')
      table.index(['organization_id', 'email_normalized'], 'crm_leads_org_email_idx')
      table.index(['organization_id', 'phone_normalized'], 'crm_leads_org_phone_idx')
      table.index(['organization_id', 'nif'], 'crm_leads_org_nif_idx')
      table.index(['organization_id', 'company_name_normalized'], 'crm_leads_org_company_name_idx')
      table.index(['web_form_id'], 'crm_leads_web_form_idx')
      table.index(['owner_id'], 'crm_leads_owner_fk_idx')
      table.index(['team_id'], 'crm_leads_team_fk_idx')
      table.index(['converted_company_id'], 'crm_leads_company_fk_idx')
      table.index(['converted_contact_id'], 'crm_leads_contact_fk_idx')
      table.index(['created_by'], 'crm_leads_created_by_fk_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_leads')
  }
}
