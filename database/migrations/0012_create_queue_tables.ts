import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Tables of the queue's database adapter (`queue_jobs`, `queue_schedules`), column for column
 * what @boringnode/queue 0.6's QueueSchemaService creates — written with the schema builder
 * so the migration compiles (and dry-runs) on every dialect. Re-check them when the library is
 * upgraded. Used when QUEUE_DRIVER=database (the default); harmless with Redis.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('queue_jobs', (table) => {
      table.string('id', 255).notNullable()
      table.string('queue', 255).notNullable()
      table.enu('status', ['pending', 'active', 'delayed', 'completed', 'failed']).notNullable()
      table.text('data').notNullable()
      table.bigint('score').unsigned().nullable()
      table.string('worker_id', 255).nullable()
      table.bigint('acquired_at').unsigned().nullable()
      table.bigint('execute_at').unsigned().nullable()
      table.bigint('finished_at').unsigned().nullable()
      table.text('error').nullable()
      table.string('dedup_id', 510).nullable()
      table.bigint('dedup_at').unsigned().nullable()
      table.bigint('dedup_ttl').unsigned().nullable()
      table.primary(['id', 'queue'])
      table.index(['queue', 'status', 'score'])
      table.index(['queue', 'status', 'execute_at'])
      table.index(['queue', 'status', 'finished_at'])
      table.index(['queue', 'dedup_id'])
    })
    // One pending/delayed job per dedup id (the library's partial index; MySQL has none).
    if (['better-sqlite3', 'sqlite3', 'pg', 'postgres'].includes(this.db.dialect.name)) {
      this.schema.raw(
        `CREATE UNIQUE INDEX IF NOT EXISTS "queue_jobs_dedup_active_uidx" ON "queue_jobs" ("queue", "dedup_id") WHERE "dedup_id" IS NOT NULL AND "status" IN ('pending', 'delayed')`
      )
    }

    this.schema.createTable('queue_schedules', (table) => {
      table.string('id', 255).primary()
      table.string('status', 50).notNullable().defaultTo('active')
      table.string('name', 255).notNullable()
      table.text('payload').notNullable()
      table.string('cron_expression', 255).nullable()
      table.bigint('every_ms').unsigned().nullable()
      table.string('timezone', 100).notNullable().defaultTo('UTC')
      table.timestamp('from_date').nullable()
      table.timestamp('to_date').nullable()
      table.integer('run_limit').unsigned().nullable()
      table.integer('run_count').unsigned().notNullable().defaultTo(0)
      table.timestamp('next_run_at').nullable()
      table.timestamp('last_run_at').nullable()
      table.timestamp('created_at').notNullable().defaultTo(this.now())
      table.index(['status', 'next_run_at'])
    })
  }

  async down() {
    this.schema.dropTable('queue_schedules')
    this.schema.dropTable('queue_jobs')
  }
}
