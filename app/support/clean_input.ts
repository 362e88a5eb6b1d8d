import { InvalidRequestException } from '#exceptions/invalid_request_exception'

/**
 * Deepest nesting a request may carry. Forms nest three levels at most (a list of objects in
 * an object); anything far deeper is not a form, and walking it only costs time and stack.
 */
export const MAX_INPUT_DEPTH = 32

/** NUL and the other C0 control characters (and DEL), but not tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex -- deliberately matches control characters to strip them
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

/** Keys that would reach an object's prototype if copied by assignment. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** A text without NUL and control characters (tab and line breaks stay, for multi-line fields). */
export function cleanText(value: string): string {
  return value.replace(CONTROL, '')
}

interface Frame {
  source: Record<string, unknown>
  target: Record<string, unknown>
  depth: number
}

/**
 * A copy of parsed request input with every string cleaned (`cleanText`). Walks with its own
 * stack, not recursion, so no input can exhaust the call stack; deeper than `maxDepth` is
 * refused with an `InvalidRequestException` (400).
 */
export function cleanInput<T>(input: T, maxDepth = MAX_INPUT_DEPTH): T {
  const stack: Frame[] = []
  const convert = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return cleanText(value)
    if (value === null || typeof value !== 'object') return value
    const plain =
      Array.isArray(value) ||
      Object.getPrototypeOf(value) === Object.prototype ||
      Object.getPrototypeOf(value) === null
    // Anything else (an uploaded file, a Date) is not text typed by someone: left as it is.
    if (!plain) return value
    if (depth >= maxDepth) throw new InvalidRequestException()
    const target: Record<string, unknown> = Array.isArray(value) ? ([] as any) : {}
    stack.push({ source: value as Record<string, unknown>, target, depth })
    return target
  }
  const root = convert(input, 0)
  while (stack.length) {
    const { source, target, depth } = stack.pop()!
    for (const key of Object.keys(source)) {
      if (!UNSAFE_KEYS.has(key)) target[key] = convert(source[key], depth + 1)
    }
  }
  return root as T
}
