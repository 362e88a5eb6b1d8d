import type { ListOption } from '../../dto/shared'

/** code → label of a list's options (the list page's badges and columns). */
export function labelMap(options: ListOption[]): Record<string, string> {
  return Object.fromEntries(options.map((o) => [o.value, o.label]))
}

/** Select data; a deactivated value (kept for a record or a filter) says so after its label. */
export function selectData(options: ListOption[], inactive: string) {
  return options.map((o) => ({
    value: o.value,
    label: o.active ? o.label : `${o.label} (${inactive})`,
  }))
}

/**
 * The values a record may be given (inline editing): the active ones, and the one it holds
 * even if since deactivated (the validator keeps it valid), marked so.
 */
export function choicesFor(options: ListOption[], current: string | null, inactive: string) {
  return selectData(
    options.filter((o) => o.active || o.value === current),
    inactive
  )
}
