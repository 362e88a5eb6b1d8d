import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One row per background job, whatever the queue driver: what Administración › Trabajos lists
 * (queued, running, failed, completed), with attempts, times and the last error. The queue's
 * own rows go when a job ends; this one stays until it is discarded or pruned.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('kernel_job_runs', (table) => {
      table.increments('id')
      table.string('job_id', 64).notNullable().unique()
      table.string('name', 150).notNullable()
      table.string('queue', 100).notNullable()
      // Jobs about one organization carry `organizationId` in their payload; system jobs none.
      table.integer('organization_id').unsigned().nullable()
      table.string('status', 16).notNullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.integer('max_attempts').notNullable().defaultTo(1)
      table.integer('priority').nullable()
      table.text('payload').nullable()
      table.text('error').nullable()
      table.string('worker_id', 64).nullable()
      table.dateTime('created_at').notNullable()
      table.dateTime('run_at').nullable()
      table.dateTime('started_at').nullable()
      table.dateTime('finished_at').nullable()
      table.index(['organization_id', 'status', 'id'])
      table.index(['status', 'id'])
      table.index(['status', 'finished_at'])
    })
  }

  async down() {
    this.schema.dropTable('kernel_job_runs')
  }
}
