import type { DemoSeedParams } from '#app/registry/types'

/** The pipeline feature's demo records (called by demo.ts after companies and contacts). */
export default async function seedPipelineDemo(_params: DemoSeedParams) {}
