import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'

/*
 * "!" as the LIKE escape character: SQLite has no default escape and reads a backslash
 * literally, while MySQL treats "\\" in a string literal differently. "!" means the same
 * everywhere (MS SQL included).
 */
const ESCAPE = '!'

/** `text` with the user's own %, _, [ and ! taken literally in a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[!%_[]/g, (c) => `${ESCAPE}${c}`)
}

/** A LIKE pattern matching `text` anywhere. */
export function likePattern(text: string): string {
  return `%${escapeLike(text)}%`
}

/** A LIKE pattern matching values that start with `text`. */
export function likePrefix(text: string): string {
  return `${escapeLike(text)}%`
}

/** The ESCAPE clause that goes with these patterns: `column LIKE ? ${LIKE_ESCAPE}`. */
export const LIKE_ESCAPE = `ESCAPE '${ESCAPE}'`

/** Rows where any of `columns` contains `text` (case-insensitive under the default collations). */
export function whereContains(
  query: DatabaseQueryBuilderContract<any>,
  columns: string[],
  text: string
) {
  const pattern = likePattern(text)
  return query.where((w) => {
    for (const column of columns) w.orWhereRaw(`${column} LIKE ? ${LIKE_ESCAPE}`, [pattern])
  })
}
