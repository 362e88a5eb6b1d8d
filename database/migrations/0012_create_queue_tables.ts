import { BaseSchema } from '@adonisjs/lucid/schema'
import { QueueSchemaService } from '@adonisjs/queue'

/**
 * Tables of @adonisjs/queue's database adapter (`queue_jobs`, `queue_schedules`), created by
 * the library's own schema service so they match the adapter's queries. Used when
 * QUEUE_DRIVER=database (the default); harmless with Redis.
 */
export default class extends BaseSchema {
  async up() {
    const schema = new QueueSchemaService(this.db.getWriteClient())
    await schema.createJobsTable()
    await schema.createSchedulesTable()
  }

  async down() {
    const schema = new QueueSchemaService(this.db.getWriteClient())
    await schema.dropSchedulesTable()
    await schema.dropJobsTable()
  }
}
