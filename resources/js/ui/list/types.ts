import type { ReactNode } from 'react'
import type { InlineFieldKind } from '../inline_field'
import type { Option } from '../record_types'

/** A column as the resource declares it (app/registry/types.ts, ListColumn). */
export interface DeclaredColumn {
  key: string
  /** i18n key, or the text itself for a custom field's column. */
  label: string
  type?: 'text' | 'number' | 'date' | 'phone' | 'email' | 'badge' | 'link'
  sort?: { asc?: string; desc?: string }
  default?: boolean
  primary?: boolean
  /** Edited in place in the table when the page gives its editor (ListEdit). */
  inline?: boolean
}

/** How a column declared `inline` is edited in place (an InlineField in its cell). */
export interface InlineColumn<Row> {
  /** The field as the record's field endpoint names it (`type`, `ownerId`). */
  name: string
  /** The row's value, as text (a select's option value); null when empty. */
  value: (row: Row) => string | null
  kind?: InlineFieldKind
  /** A select's choices (per row: e.g. its current owner when no longer assignable). */
  options?: Option[] | ((row: Row) => Option[])
  clearable?: boolean
  /** How the value reads (default: the text, or the option's label). */
  render?: (value: string | null, row: Row) => ReactNode
}

/**
 * Inline editing of a list (given only when the user may edit): the editors of its `inline`
 * columns, each row's field endpoint, and what to do after a save (reload the rows).
 */
export interface ListEdit<Row> {
  /** The record's field endpoint (`/crm/companies/1/field`). */
  url: (row: Row) => string
  /** The record's name, for the editor's label ("Editar Tipo de Acme"). */
  name: (row: Row) => string
  fields: Record<string, InlineColumn<Row>>
  onSaved?: () => void
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
