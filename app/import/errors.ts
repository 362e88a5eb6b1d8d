/** A file that cannot be imported as a whole (empty, not a CSV, a line too long…): translated. */
export class ImportFileError extends Error {
  constructor(
    readonly key: string,
    readonly values: Record<string, unknown> = {}
  ) {
    super(key)
    this.name = 'ImportFileError'
  }
}
