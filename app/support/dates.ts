/**
 * Reads a timestamp as the drivers return it: a Date (mysql2), a number, or SQLite's
 * "YYYY-MM-DD HH:MM:SS" text, which Cartera always writes in UTC.
 */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value
  if (typeof value === 'number') return new Date(value)
  const text = String(value)
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : text.replace(' ', 'T') + 'Z')
}

export function toIso(value: unknown): string {
  return toDate(value).toISOString()
}

/**
 * A UTC timestamp in the "YYYY-MM-DD HH:MM:SS" form every supported database accepts for
 * DATETIME columns and Lucid itself writes; use it for inserts that bypass models.
 */
export function dbTimestamp(date: Date = new Date()): string {
  return date.toISOString().slice(0, 19).replace('T', ' ')
}
