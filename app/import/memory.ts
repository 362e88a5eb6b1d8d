import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'

/*
 * An import keeps what it must for the whole file (the keys seen in earlier lines) and throws
 * away everything else batch by batch. V8 lets that garbage pile up in the old generation to a
 * few times the live heap before a full collection (a 100,000-line file: 230 MB in use, under
 * 100 MB of it live), and that set the process's peak memory. Between batches, once the old
 * generation has grown by HEADROOM since the last full collection, one runs (about one every
 * 15,000 lines, tens of milliseconds each); the collector is reached the way `--expose-gc`
 * exposes it. Processes that import also start with a smaller young generation and fewer malloc
 * arenas (bin/import_process.ts).
 */

const HEADROOM = 32 * 1024 * 1024

let collector: (() => void) | null | undefined

function gc(): (() => void) | null {
  if (collector === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc')
      collector = runInNewContext('gc') as () => void
    } catch {
      collector = null
    }
  }
  return collector
}

/** The old generation in use: what survived the young one (live, or garbage not collected yet). */
function oldInUse(): number {
  let used = 0
  for (const space of v8.getHeapSpaceStatistics())
    if (space.space_name === 'old_space' || space.space_name === 'large_object_space')
      used += space.space_used_size
  return used
}

/** Old generation in use after the last full collection this module ran (or first saw). */
let settled = 0
/** Full collections run so far (bench:import reports them). */
export let collections = 0

/** Between two batches: a full collection when the old generation grew by HEADROOM. */
export function trimHeap(): void {
  const used = oldInUse()
  if (!settled || used < settled) settled = used
  if (used - settled < HEADROOM) return
  const collect = gc()
  if (!collect) return
  collect()
  collections++
  settled = oldInUse()
}
