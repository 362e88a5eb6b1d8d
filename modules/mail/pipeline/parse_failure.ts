/**
 * Why a message could not be read, as a code the message page translates: no mail headers at
 * all, a structure past mailparser's limits (a header over 1 MB, over 1000 parts), or anything
 * else mailparser refused. `detail` keeps mailparser's own words (English), shown after ours.
 */
export type ParseFailureCode = 'no_headers' | 'too_complex' | 'malformed'

export interface ParseFailure {
  code: ParseFailureCode
  detail: string | null
}

export const PARSE_FAILURE_CODES: ParseFailureCode[] = ['no_headers', 'too_complex', 'malformed']

/** Sorts an error thrown while parsing into a failure code, keeping its message as the detail. */
export function parseFailureOf(error: unknown): ParseFailure {
  const e = error as { code?: string; message?: string } | null
  const detail = e?.message ? e.message.slice(0, 400) : null
  return { code: e?.code === 'EMAXLEN' ? 'too_complex' : 'malformed', detail }
}

/** The ledger's reason of a failed item: the code, then the detail. */
export function failureReason(failure: ParseFailure | null | undefined): string {
  if (!failure) return 'malformed'
  return failure.detail ? `${failure.code}: ${failure.detail}` : failure.code
}
