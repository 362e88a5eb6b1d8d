import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * "Newest entries of one record type" (app/history/recent.ts, the start page's cards) walks
 * the timeline of an organization and subject type newest first and stops after a few rows;
 * `timeline_subject_idx` (…, subject_id, id) cannot give that order without sorting every
 * entry of the type.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('timeline_events', (table) => {
      table.index(['organization_id', 'subject_type', 'id'], 'timeline_type_idx')
    })
  }

  async down() {
    this.schema.alterTable('timeline_events', (table) => {
      table.dropIndex(['organization_id', 'subject_type', 'id'], 'timeline_type_idx')
    })
  }
}
