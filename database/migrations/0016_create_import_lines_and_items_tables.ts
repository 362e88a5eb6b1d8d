import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * import_lines: the preview, one row per file line (outcome, the record or line it matches
 * and by which key, the rejection reason, the field changes), filtered by outcome on the page.
 * import_items: what a commit did, one row per record written, with the before-image of an
 * update, so a rollback can remove what was created and give updated fields their old values.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('import_lines', (table) => {
      table.bigIncrements('id')
      table.integer('run_id').unsigned().notNullable().references('id').inTable('import_runs')
      table.integer('line').notNullable()
      table.string('outcome', 10).notNullable()
      table.string('of_kind', 8).nullable()
      table.bigint('of_id').nullable()
      table.string('key', 20).nullable()
      table.text('reason').nullable()
      table.text('changes').nullable()
      table.index(['run_id', 'line'], 'import_lines_run_line_idx')
      table.index(['run_id', 'outcome', 'line'], 'import_lines_run_outcome_idx')
    })

    this.schema.createTable('import_items', (table) => {
      table.bigIncrements('id')
      table.integer('run_id').unsigned().notNullable().references('id').inTable('import_runs')
      table.integer('line').notNullable()
      table.string('action', 8).notNullable()
      table.bigint('subject_id').notNullable()
      table.text('before').nullable()
      table.text('after').nullable()
      table.index(['run_id', 'id'], 'import_items_run_idx')
    })
  }

  async down() {
    this.schema.dropTable('import_items')
    this.schema.dropTable('import_lines')
  }
}
