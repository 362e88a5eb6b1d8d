// Types of the untyped `mbox-reader` package (by the author of imapflow and mailparser).
declare module 'mbox-reader' {
  import type { Readable } from 'node:stream'
  export function mboxReader(
    input: Readable,
    options?: Record<string, unknown>
  ): AsyncGenerator<{ returnPath: string; time: Date; content: Buffer; readSize: number }>
}
