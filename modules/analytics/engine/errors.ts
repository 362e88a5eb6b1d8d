/** A query the client got wrong: answered 400 with a translated message (lang errors.*). */
export class CubeRequestError extends Error {
  constructor(
    readonly key: 'bad_query' | 'unknown_member' | 'not_supported',
    readonly values: Record<string, string>
  ) {
    super(`${key}: ${JSON.stringify(values)}`)
  }
}
