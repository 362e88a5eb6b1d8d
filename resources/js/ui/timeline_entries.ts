/* Helpers of the activity history (timeline.tsx) that know no entry kind. */

/** A path of this site ('/crm/…'), never another host ('//evil.example', 'https://…'). */
export function sameSitePath(href: unknown): href is string {
  return typeof href === 'string' && /^\/(?![/\\])/.test(href)
}

/**
 * Entries sharing `data.dedupeKey` (one fact written on several records, shown together on a
 * page that lists a record and its related ones) appear once, where first met.
 */
export function onePerDedupeKey<T extends { data: Record<string, any> }>(entries: T[]): T[] {
  const seen = new Set<string>()
  return entries.filter((e) => {
    const key = e.data?.dedupeKey
    if (typeof key !== 'string' || !key) return true
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
