/** The shared UI kit every page (kernel and modules) builds on. */
export { AppLayout, useFlashNotifications, switchLocale } from './app_layout'
export { GuestLayout, guestLayout } from './guest_layout'
export { PageHeader, type Crumb } from './page_header'
export { EmptyState } from './empty_state'
export { DateField, DATE_FIELD_FORMAT } from './date_field'
export { DataTable, type Column } from './data_table'
export { KeysetPager, type CappedCount } from './keyset_pager'
export {
  ListView,
  ColumnsMenu,
  useListUrl,
  currentParams,
  PAGE_SIZES,
  type ExtraColumn,
  type DeclaredColumn,
  type FilterChip,
  type InlineColumn,
  type ListEdit,
  type ListProps,
  type QuickFilter,
} from './list'
export { ConfirmButton } from './confirm_button'
export { AbsencesPanel } from './absences_panel'
export { ExportMenu } from './export_menu'
export { Timeline, type TimelineEntry } from './timeline'
export { Documents, type DocumentItem, type DocumentsPanelProps } from './documents'
export { NavIcon } from './icons'
export { useT, translate, hasTranslation } from './i18n'
export {
  useFormat,
  formatDate,
  formatDateTime,
  formatMoney,
  formatAmount,
  formatNumber,
  formatPhone,
  telHref,
} from './format'
export { useCan } from './permissions'
export type { CurrencyFormat, SharedProps, Shell, ShellUser } from './types'
export { ErrorSummary, useFocusFirstError } from './form_errors'
export { FormFooter } from './form_footer'
export { useShortcuts, useNewRecordShortcut, rememberListRows, type Shortcut } from './shortcuts'
export { NotificationList } from './notification_list'
export {
  notificationsApi,
  type NotificationItem,
  type NotificationSummary,
} from './notifications_client'
export { FilterPanel } from './filter_panel'
export {
  listUrl,
  applyFilters,
  getJson,
  reportLookupError,
  LookupError,
  type Params,
} from './query'
export { RecordHistory } from './record_history'
export { historyValueLabel, type HistoryValueLabel } from './history_values'
export { AddressFields } from './address_fields'
export { ChannelFields } from './channel_fields'
export { ChannelSections } from './form_sections'
export { Detail, ChannelLines, PhoneLink, EmailLink, AddressLines } from './details'
export { RecordPicker } from './record_picker'
export {
  usePhone,
  fieldError,
  listFrame,
  inlineRow,
  inlineLines,
  fullBadge,
} from './layout_helpers'
export type {
  Option,
  Channel,
  Address,
  HistoryPage,
  PhoneValue,
  EmailValue,
  AddressValue,
} from './record_types'
export { SavedViews } from './saved_views'
export type { SavedView, SavedViewsPageProps } from './saved_views_api'
export { BulkBar, type BulkConfig, type BulkSelection } from './bulk_bar'
export { InlineField, saveField, FieldSaveError, type InlineFieldProps } from './inline_field'
export {
  RecordHeader,
  QuickActions,
  RecordColumns,
  FieldCard,
  TimelineCard,
  type RecordFact,
  RecordFlags,
} from './record_page'
export type { RecordFlag } from '../../../app/ui/record_shapes.js'
export type { TimelineFilterChip } from './record_history'
export {
  RecordTags,
  TagBadge,
  TagList,
  TagFilterSelect,
  useTagFilter,
  type TagChip,
  type TagsPanelProps,
} from './tags'
