import type { ReactNode } from 'react'
import type { CappedCount } from '../keyset_pager'

/** A column as the resource declares it (app/registry/types.ts, ListColumn). */
export interface DeclaredColumn {
  key: string
  /** i18n key, or the text itself for a custom field's column. */
  label: string
  type?: 'text' | 'number' | 'date' | 'phone' | 'email' | 'badge' | 'link'
  sort?: { asc?: string; desc?: string }
  default?: boolean
  primary?: boolean
}

export interface QuickFilter {
  key: string
  label: string
  params: Record<string, string>
}

/** What the server sends with a list page (app/lists/list_props.ts). */
export interface ListProps {
  declaration: { columns: DeclaredColumn[]; sorts: string[]; quickFilters?: QuickFilter[] }
  scope: 'all' | 'own' | 'team' | 'hierarchy' | 'team_hierarchy'
}

/** A filter in force, shown as a removable chip; `remove` is the URL patch that drops it. */
export interface FilterChip {
  key: string
  label: string
  remove: Record<string, string | null>
}

export interface BulkBarArgs {
  ids: number[]
  /** "Seleccionar los N coincidentes": every row matching the filters, not only these ids. */
  allMatching: boolean
  count: CappedCount
  clear: () => void
}

/** Bulk selection: a checkbox column and the bar the module draws above the table. */
export interface ListSelection {
  renderBulkBar: (args: BulkBarArgs) => ReactNode
}
