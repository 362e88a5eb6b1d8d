import type { ImapFlow } from 'imapflow'
import { SMALL_MESSAGE } from '../pipeline/types.js'

/** Small messages asked in one FETCH: at most this many, of at most this many bytes together. */
const FETCH_COUNT = 25
const FETCH_BYTES = 2 * 1024 * 1024

/** A step of a batch: small messages fetched whole in one FETCH, or one big message. */
export type FetchStep = { small: number[] } | { big: number }

/** What a UID of a batch brought: its bytes, `stream` (for the caller to stream) or `gone`. */
export type Fetched = { uid: number; source: Buffer | 'stream' | 'gone' }

/** An IMAP sequence set of UIDs, runs compressed (`3:7,9`). */
export function uidSet(uids: number[]): string {
  const parts: string[] = []
  for (let i = 0; i < uids.length; i++) {
    let j = i
    while (j + 1 < uids.length && uids[j + 1] === uids[j] + 1) j++
    parts.push(i === j ? String(uids[i]) : `${uids[i]}:${uids[j]}`)
    i = j
  }
  return parts.join(',')
}

/** The RFC822.SIZE of each UID still on the server. */
async function sizesOf(client: ImapFlow, uids: number[]): Promise<Map<number, number>> {
  const sizes = new Map<number, number>()
  for await (const message of client.fetch(uidSet(uids), { uid: true, size: true }, { uid: true }))
    sizes.set(message.uid, message.size ?? 0)
  return sizes
}

/** Groups UIDs, in order, into FETCH steps (small runs within FETCH_COUNT and FETCH_BYTES). */
export function plan(uids: number[], sizes: Map<number, number>): FetchStep[] {
  const steps: FetchStep[] = []
  let run: number[] = []
  let bytes = 0
  const flush = () => {
    if (run.length) steps.push({ small: run })
    run = []
    bytes = 0
  }
  for (const uid of uids) {
    const size = sizes.get(uid) ?? 0
    if (size > SMALL_MESSAGE) {
      flush()
      steps.push({ big: uid })
      continue
    }
    if (run.length >= FETCH_COUNT || (run.length && bytes + size > FETCH_BYTES)) flush()
    run.push(uid)
    bytes += size
  }
  flush()
  return steps
}

/** The whole source of small messages, one `FETCH BODY.PEEK[]` (never sets \Seen). */
async function sources(client: ImapFlow, uids: number[]): Promise<Map<number, Buffer>> {
  const found = new Map<number, Buffer>()
  for await (const message of client.fetch(
    uidSet(uids),
    { uid: true, source: true },
    { uid: true }
  ))
    if (message.source) found.set(message.uid, message.source)
  return found
}

/**
 * The messages of a batch, in UID order: small ones fetched whole, several per FETCH, the next
 * FETCH already running while the current messages are processed; a big one is only named
 * (`stream`), for the caller to stream — so is a small one the FETCH left out although the
 * server listed it (the streamed download asks again). A UID not listed comes back `gone`.
 */
export async function* fetchBatch(client: ImapFlow, uids: number[]): AsyncGenerator<Fetched> {
  if (!uids.length) return
  const sizes = await sizesOf(client, uids)
  const steps = plan(uids, sizes)
  const start = (step: FetchStep | undefined) => {
    if (!step || !('small' in step)) return null
    const promise = sources(client, step.small)
    // Awaited when its turn comes; a consumer that stops early must not leave it unhandled.
    promise.catch(() => {})
    return promise
  }
  let next = start(steps[0])
  for (const [index, step] of steps.entries()) {
    const current = next
    next = start(steps[index + 1])
    if ('big' in step) {
      yield { uid: step.big, source: 'stream' }
      continue
    }
    const found = await current!
    for (const uid of step.small)
      yield { uid, source: found.get(uid) ?? (sizes.has(uid) ? 'stream' : 'gone') }
  }
}
