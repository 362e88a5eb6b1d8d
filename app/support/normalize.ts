/**
 * The sort and search key stored next to a name a person typed: lowercase, accents and other
 * combining marks removed ("Álvaro" → "alvaro", "Ñandú" → "nandu"), spaces collapsed. Stored in
 * a column because databases disagree: SQLite compares bytes ("Álvaro" after "Zoe") while
 * MariaDB's collation folds accents, so a list sorted on the raw name pages differently on each.
 * Cut to the column's length.
 */
export function normalizeName(value: string, max = 200): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
}
