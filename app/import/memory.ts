import v8 from 'node:v8'

/*
 * An import keeps what it must for the whole file (the keys seen in earlier lines) and throws
 * away everything else batch by batch. V8 lets that garbage pile up in the old generation to a
 * few times the live heap before a full collection (a 100,000-line file: 230 MB in use, under
 * 100 MB of it live), and that set the process's peak memory. Between batches, once the old
 * generation has grown by HEADROOM since the last full collection, one runs (about one every
 * 15,000 lines, tens of milliseconds each); the collector is the one `--expose-gc`
 * exposes. Processes that import also start with a smaller young generation and fewer malloc
 * arenas (bin/import_process.ts).
 */

const HEADROOM = 32 * 1024 * 1024

/*
 * Only where the process was started with `--expose-gc` (an import process: bin/import_process.ts,
 * bench:import). A web process or a job worker shared with requests is left to V8: forcing full
 * collections there would stop other requests, and turning the flag on at runtime is unsupported.
 */
function gc(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc
  return typeof exposed === 'function' ? exposed : null
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
