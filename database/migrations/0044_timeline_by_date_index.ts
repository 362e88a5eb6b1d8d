import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A record's history is read newest first by date, then id (app/history/timeline.ts): mail
 * archived today is dated when it was sent. The subject index gains the date before the id;
 * the old one (…, subject_id, id) is a prefix of nothing the new one cannot serve.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('timeline_events', (table) => {
      table.index(
        ['organization_id', 'subject_type', 'subject_id', 'created_at', 'id'],
        'timeline_subject_time_idx'
      )
    })
    this.schema.alterTable('timeline_events', (table) => {
      table.dropIndex(
        ['organization_id', 'subject_type', 'subject_id', 'id'],
        'timeline_subject_idx'
      )
    })
  }

  async down() {
    this.schema.alterTable('timeline_events', (table) => {
      table.index(['organization_id', 'subject_type', 'subject_id', 'id'], 'timeline_subject_idx')
    })
    this.schema.alterTable('timeline_events', (table) => {
      table.dropIndex(
        ['organization_id', 'subject_type', 'subject_id', 'created_at', 'id'],
        'timeline_subject_time_idx'
      )
    })
  }
}
