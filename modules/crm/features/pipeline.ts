import type { ManifestPart } from './part.js'

/** The pipeline feature's manifest entries (module.ts appends them). */
const part: ManifestPart = {}

export default part
