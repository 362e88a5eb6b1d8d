export { ListView, PAGE_SIZES, type ExtraColumn } from './list_view'
export { ColumnsMenu } from './columns_menu'
export { useListUrl, currentParams } from './url_state'
export type {
  DeclaredColumn,
  FilterChip,
  InlineColumn,
  ListEdit,
  ListProps,
  QuickFilter,
} from './types'
