import type { DemoSeedParams } from '#app/registry/types'

/** The activities feature's demo records (called by demo.ts after companies and contacts). */
export default async function seedActivitiesDemo(_params: DemoSeedParams) {}
