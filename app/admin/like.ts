import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'

/*
 * "!" as the LIKE escape character: SQLite has no default escape and reads a backslash
 * literally, while MySQL treats "\\" in a string literal differently. "!" means the same
 * everywhere (MS SQL included).
 */
const ESCAPE = '!'

/** A LIKE pattern matching `text` anywhere, with the user's own %, _ and ! taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[!%_[]/g, (c) => `${ESCAPE}${c}`)}%`
}

/** Rows where any of `columns` contains `text` (case-insensitive under the default collations). */
export function whereContains(query: DatabaseQueryBuilderContract<any>, columns: string[], text: string) {
  const pattern = likePattern(text)
  return query.where((w) => {
    for (const column of columns) w.orWhereRaw(`${column} LIKE ? ESCAPE '${ESCAPE}'`, [pattern])
  })
}
