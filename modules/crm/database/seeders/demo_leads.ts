import type { DemoSeedParams } from '#app/registry/types'

/** The leads feature's demo records (called by demo.ts after companies and contacts). */
export default async function seedLeadsDemo(_params: DemoSeedParams) {}
