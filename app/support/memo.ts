/**
 * A per-key cache of an async lookup (a manifest's resource, a module's provider): each key is
 * looked up once per process; a lookup that fails is not kept, so the next call tries again.
 */
export function memoByKey<T>(lookup: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>()
  return (key) => {
    let found = cache.get(key)
    if (!found) {
      found = lookup(key)
      cache.set(key, found)
      found.catch(() => cache.delete(key))
    }
    return found
  }
}
