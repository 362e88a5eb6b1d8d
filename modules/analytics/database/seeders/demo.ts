import type { DemoSeedParams } from '#app/registry/types'
import seedReportsDemo from '../../reports/demo.js'

/** Analytics' demo data: the saved pivot reports. */
export default async function seedAnalyticsDemo(params: DemoSeedParams) {
  await seedReportsDemo(params)
}
