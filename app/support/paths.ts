import { isAbsolute, resolve } from 'node:path'
import env from '#start/env'

/**
 * Directory for SQLite files, uploads, mail previews and the licence. Resolved against the
 * working directory (the repository root for `npm start`, `node ace` and `npm test`) so the
 * source tree and the production build (build/) share one data directory.
 */
export function dataPath(...parts: string[]): string {
  const base = env.get('DATA_DIR') || 'storage'
  return resolve(isAbsolute(base) ? base : resolve(process.cwd(), base), ...parts)
}
