import type { EmitterService } from '@adonisjs/core/types'

/**
 * Framework events fired on every request for nobody: bentocache reports each cache hit and
 * miss (about twenty per signed-in request) and the session its start and commit, each through
 * the app's emitter (an async dispatch, a tracing channel, a promise). These names are emitted
 * only while someone listens (a listener, or `emitter.fake()` of that name or of every event in
 * a test); every other event is emitted as before.
 */
export const QUIET_EVENTS = new Set([
  'cache:hit',
  'cache:miss',
  'cache:written',
  'session:initiated',
  'session:committed',
])

export function quietEvents(emitter: EmitterService, names: Set<string> = QUIET_EVENTS): void {
  const target = emitter as unknown as Patchable
  if (target.quiet) return
  target.quiet = true
  let faking = false
  const { emit, fake, restore } = target
  target.fake = function (this: unknown, ...args: unknown[]) {
    // fake() calls restore() first.
    const buffer = fake.apply(this, args)
    faking = true
    return buffer
  }
  target.restore = function (this: unknown, ...args: unknown[]) {
    faking = false
    return restore.apply(this, args)
  }
  target.emit = function (this: unknown, event: unknown, data?: unknown) {
    if (
      !faking &&
      typeof event === 'string' &&
      names.has(event) &&
      !emitter.hasListeners(event as any)
    )
      return Promise.resolve()
    return emit.call(this, event, data)
  }
}

type Method = (...args: any[]) => any
interface Patchable {
  quiet?: boolean
  emit: Method
  fake: Method
  restore: Method
}
