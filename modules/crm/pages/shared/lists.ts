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
