import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { moduleRegistry } from '#app/registry/main'
import { seedDemo } from '#app/kernel/demo'

/** `node ace db:seed`: the Spanish demo organization (idempotent). */
export default class MainSeeder extends BaseSeeder {
  static environment = ['development', 'production']

  async run() {
    await seedDemo(await moduleRegistry(), (line) => console.log(`  ${line}`))
  }
}
