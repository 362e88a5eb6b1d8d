import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { isSqlite } from './db.js'

type Query = DatabaseQueryBuilderContract<any>

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
export function whereContains(query: Query, columns: string[], text: string) {
  const pattern = likePattern(text)
  return query.where((w) => {
    for (const column of columns) w.orWhereRaw(`${column} LIKE ? ${LIKE_ESCAPE}`, [pattern])
  })
}

/** The smallest string greater than every string that starts with `prefix` (binary order). */
export function prefixUpperBound(prefix: string): string | null {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const code = prefix.charCodeAt(i)
    if (code < 0xffff) return prefix.slice(0, i) + String.fromCharCode(code + 1)
  }
  return null
}

/*
 * "Starts with" that an index can serve, on a column of normalized text: on SQLite (binary
 * collation, where LIKE skips indexes) a half-open range [prefix, next); elsewhere LIKE
 * 'prefix%', which MySQL/MariaDB and MS SQL turn into a range under their case-insensitive
 * collations.
 */
export function wherePrefix(query: Query, column: string, prefix: string) {
  const upper = prefixUpperBound(prefix)
  if (isSqlite(query.client) && upper)
    return query.where(column, '>=', prefix).where(column, '<', upper)
  return query.whereRaw(`${column} LIKE ? ${LIKE_ESCAPE}`, [likePrefix(prefix)])
}

/*
 * Every word of `text` (normalized, single-spaced; at most 6 words) starts a word of one of
 * `columns`: "ferreter lopez" finds "suministros ferreteria lopez". LIKE '% word%' cannot use
 * an index: the rows the rest of the query leaves are scanned, so keep it to lists of
 * thousands (an organization's companies), not millions.
 */
export function whereWords(query: Query, columns: string[], text: string) {
  const words = [...new Set(text.split(' ').filter(Boolean))].slice(0, 6)
  for (const word of words) {
    const start = likePrefix(word)
    query.where((w) => {
      for (const column of columns) {
        w.orWhereRaw(`${column} LIKE ? ${LIKE_ESCAPE}`, [start]).orWhereRaw(
          `${column} LIKE ? ${LIKE_ESCAPE}`,
          [`% ${start}`]
        )
      }
    })
  }
  return query
}
