import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Tags of an organization and the records they are put on (app/tags). The table is `org_tags`:
 * a bare `tags` would collide with the bulk action and list column of that name, which the
 * boundary check reads as naming the table. A record is named by its resource key and id, as
 * documents are, so the kernel needs no table of any module. `name_key` is the folded name
 * ("Cliente VIP" = "cliente vip"), unique per organization.
 *
 * `taggings_record` (resource, record_id, tag_id) reads a page's tags and answers the list
 * filter's correlated `EXISTS (… WHERE resource = ? AND record_id = c.id AND tag_id IN …)` by
 * an index probe per row; `taggings_tag` (tag_id, resource, record_id) serves "records of R
 * with tag T" when the planner drives from the tag, and the usage counts.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('org_tags', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('name', 50).notNullable()
      table.string('name_key', 50).notNullable()
      table.string('color', 20).notNullable()
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.unique(['organization_id', 'name_key'], { indexName: 'org_tags_organization_key' })
    })
    this.schema.createTable('taggings', (table) => {
      table.bigIncrements('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('resource', 60).notNullable()
      table.bigint('record_id').notNullable()
      table.integer('tag_id').unsigned().notNullable().references('id').inTable('org_tags')
      table.integer('created_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('created_at').notNullable()
      table.unique(['resource', 'record_id', 'tag_id'], { indexName: 'taggings_record' })
      table.index(['tag_id', 'resource', 'record_id'], 'taggings_tag')
      table.index(['organization_id'], 'taggings_organization')
    })
  }

  async down() {
    this.schema.dropTable('taggings')
    this.schema.dropTable('org_tags')
  }
}
