import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Runs of the `kernel.probe` job, one row per job id (unique): a second run of the same job
 * bumps `runs` instead. The job benchmark (`npm run bench:jobs`) and the queue tests use it to
 * prove that each job is claimed by one worker only.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('kernel_job_probes', (table) => {
      table.increments('id')
      table.string('job_id', 64).notNullable().unique()
      table.string('tag', 64).notNullable()
      table.integer('runs').notNullable().defaultTo(1)
      table.integer('pid').notNullable()
      table.bigint('ran_at').notNullable()
      table.index(['tag'])
    })
  }

  async down() {
    this.schema.dropTable('kernel_job_probes')
  }
}
