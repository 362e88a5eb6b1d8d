/**
 * A DATE column as `YYYY-MM-DD`: SQLite returns the text as written, mysql2 a Date at UTC
 * midnight (the connection's time zone is `Z`).
 */
export function dayOf(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value).slice(0, 10)
}

/** Today (UTC) as `YYYY-MM-DD`, what a DATE column stores. */
export const today = () => new Date().toISOString().slice(0, 10)
