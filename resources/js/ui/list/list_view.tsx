import { useState, type ReactNode } from 'react'
import { router, usePage } from '@inertiajs/react'
import {
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Chip,
  CloseButton,
  Collapse,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import {
  IconAdjustments,
  IconArrowsSort,
  IconSortAscending,
  IconSortDescending,
  IconX,
} from '@tabler/icons-react'
import {
  columnOrderingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  rowSelectionFeature,
  tableFeatures,
  useTable,
  type RowSelectionState,
} from '@tanstack/react-table'
import { useT } from '../i18n'
import { useFormat } from '../format'
import { usePhone } from '../layout_helpers'
import { EmptyState } from '../empty_state'
import { KeysetPager, type CappedCount } from '../keyset_pager'
import { ScrollHint } from '../data_table'
import { InlineField } from '../inline_field'
import { ColumnsMenu } from './columns_menu'
import { useListUrl } from './url_state'
import type { DeclaredColumn, FilterChip, ListEdit, ListProps } from './types'
import { BulkBar, type BulkConfig } from '../bulk_bar'
import { listPaging } from '../shortcuts'

const features = tableFeatures({
  columnVisibilityFeature,
  columnOrderingFeature,
  rowSelectionFeature,
})

/** Compact rows keep to one line: long texts are cut (the table scrolls sideways if need be). */
const COMPACT_CELL = {
  whiteSpace: 'nowrap',
  maxWidth: 280,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
} as const

/** Rows per page the server accepts (`per`, modules' list validators). */
export const PAGE_SIZES = [25, 50, 100]

/** A column the page adds to the declared ones (a custom field's), with its label as text. */
export type ExtraColumn<Row> = DeclaredColumn & { render: (row: Row) => ReactNode }

/**
 * The list of every module: a table (TanStack Table, drawn with Mantine's Table) on wide
 * screens and cards on phones, driven by the resource's declaration (`list` prop: columns,
 * offered sorts, quick filters, the user's scope). Its whole state is the URL: filters, `sort`,
 * `cols` (shown columns, in order), `density`, `per` and the cursors, so a link reproduces it
 * and a saved view is its query string. The page gives the cells (`render`, by column key),
 * the filter inputs and the chips of the filters in force. With `edit`, the columns declared
 * `inline` are edited in place in the table (phone cards stay read-only).
 */
export function ListView<Row extends object>({
  base,
  rows,
  rowId,
  rowHref,
  list,
  render,
  extraColumns = [],
  count,
  next,
  prev,
  offset,
  noun,
  search,
  filters,
  chips,
  empty,
  bulk,
  edit,
}: {
  base: string
  rows: Row[]
  rowId: (row: Row) => number
  rowHref: (row: Row) => string
  list: ListProps
  render: Record<string, (row: Row) => ReactNode>
  extraColumns?: ExtraColumn<Row>[]
  count: CappedCount
  next: string | null
  prev: string | null
  offset: number
  noun: (n: number) => string
  search?: ReactNode
  /** The filter inputs, behind the "Filtros" button. */
  filters?: ReactNode
  chips: FilterChip[]
  /** Shown when the resource has no records at all (no filter in force). */
  empty: ReactNode
  /**
   * Bulk actions (app/bulk `bulkProps`): a checkbox column, "Seleccionar los N coincidentes" and
   * the bar over the rows. None (null) when the user may take no bulk action.
   */
  bulk?: BulkConfig | null
  /** In-place editing of the `inline` columns; only when the user may edit. */
  edit?: ListEdit<Row>
}) {
  const { t } = useT()
  const f = useFormat()
  const phone = usePhone()
  const url = useListUrl(base)
  const page = usePage()
  const selection = !!bulk
  const { params } = url
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false)
  const { declaration } = list

  // An `inline` column's cell in the table: its editor, named after the field and the row.
  const editable = (c: DeclaredColumn) => {
    if (phone || !edit || !c.inline) return null
    const field = edit.fields[c.key]
    if (!field) return null
    const { url: urlOf, name: nameOf, onSaved } = edit
    const { render: show, options } = field
    const label = t(c.label)
    const cell = (row: Row) => (
      <InlineField
        compact
        label={label}
        editLabel={t('list.inline_edit', { field: label, name: nameOf(row) })}
        name={field.name}
        value={field.value(row)}
        url={urlOf(row)}
        kind={field.kind}
        options={typeof options === 'function' ? options(row) : options}
        clearable={field.clearable}
        render={show ? (v) => show(v, row) : undefined}
        onSaved={onSaved}
      />
    )
    return cell
  }
  // Columns: the declared ones (labels translated) and the page's extra ones.
  const all: ExtraColumn<Row>[] = [
    ...declaration.columns.map((c) => ({
      ...c,
      label: t(c.label),
      render: editable(c) ?? render[c.key] ?? (() => null),
    })),
    ...extraColumns,
  ]
  const known = new Set(all.map((c) => c.key))
  const defaults = all.filter((c) => c.default !== false).map((c) => c.key)
  const fromUrl = (params.cols ?? '').split(',').filter((k) => known.has(k))
  const shown = fromUrl.length ? [...new Set(fromUrl)] : defaults
  const hidden = all.filter((c) => !shown.includes(c.key)).map((c) => c.key)
  const setShown = (keys: string[]) =>
    url.apply({ cols: keys.join(',') === defaults.join(',') ? null : keys.join(',') }, true)

  const compact = params.density === 'compact'
  const per = PAGE_SIZES.includes(Number(params.per)) ? Number(params.per) : PAGE_SIZES[0]
  const defaultSort = declaration.sorts[0]
  const sort = params.sort || defaultSort
  const setSort = (value: string) => url.apply({ sort: value === defaultSort ? null : value })

  // Selection: ids kept across pages until the filters change (or "clear").
  const [selected, setSelected] = useState<RowSelectionState>({})
  const [allMatching, setAllMatching] = useState(false)
  const filterKey = JSON.stringify(
    Object.entries(params).filter(
      ([k]) => !['cursor', 'before', 'count', 'cols', 'density', 'per'].includes(k)
    )
  )
  const [seenFilters, setSeenFilters] = useState(filterKey)
  if (seenFilters !== filterKey) {
    setSeenFilters(filterKey)
    setSelected({})
    setAllMatching(false)
  }
  const clearSelection = () => {
    setSelected({})
    setAllMatching(false)
  }
  // Cards (phones) have no table row: their boxes set the same selection.
  const toggleCard = (id: number, on: boolean) => {
    setAllMatching(false)
    setSelected((old) => {
      const updated = { ...old }
      if (on) updated[String(id)] = true
      else delete updated[String(id)]
      return updated
    })
  }
  const selectedIds = Object.keys(selected)
    .filter((k) => selected[k])
    .map(Number)

  const helper = createColumnHelper<typeof features, Row>()
  // Rebuilt on each render (a page of at most 100 rows): the cells read the page's state.
  const tableColumns = [
    ...(selection
      ? [
          helper.display({
            id: '_select',
            header: ({ table }) => (
              <Checkbox
                aria-label={t('list.select_page')}
                checked={table.getIsAllPageRowsSelected()}
                indeterminate={table.getIsSomePageRowsSelected()}
                onChange={table.getToggleAllPageRowsSelectedHandler()}
              />
            ),
            cell: ({ row }) => (
              <Checkbox
                aria-label={t('list.select_row')}
                checked={row.getIsSelected()}
                onChange={row.getToggleSelectedHandler()}
                onClick={(e) => e.stopPropagation()}
              />
            ),
          }),
        ]
      : []),
    ...all.map((c) =>
      helper.display({ id: c.key, header: c.label, cell: ({ row }) => c.render(row.original) })
    ),
  ]
  const table = useTable({
    features,
    columns: tableColumns,
    data: rows,
    getRowId: (row) => String(rowId(row)),
    enableRowSelection: selection,
    state: {
      columnVisibility: Object.fromEntries(all.map((c) => [c.key, shown.includes(c.key)])),
      columnOrder: ['_select', ...shown, ...hidden],
      rowSelection: selected,
    },
    onRowSelectionChange: (updater) => {
      setAllMatching(false)
      setSelected((old) => (typeof updater === 'function' ? updater(old) : updater))
    },
  })

  const quick = declaration.quickFilters ?? []
  const quickActive = (params_: Record<string, string>) =>
    Object.entries(params_).every(([k, v]) => params[k] === v)
  const filtered = chips.length > 0 || !!params.q
  const clearAll = () =>
    url.apply(
      Object.fromEntries(
        [...chips.flatMap((c) => Object.keys(c.remove)), 'q'].map((k) => [k, null])
      )
    )

  const pagerParams = { per: per === PAGE_SIZES[0] ? null : per }
  const sortIcon = (c: DeclaredColumn) => {
    if (sort === c.sort?.asc) return <IconSortAscending size={14} aria-hidden />
    if (sort === c.sort?.desc) return <IconSortDescending size={14} aria-hidden />
    return <IconArrowsSort size={14} aria-hidden style={{ opacity: 0.4 }} />
  }
  // The declared sorts, and those of the page's extra columns (a custom field's, checked by
  // the server).
  const sorts = new Set([
    ...declaration.sorts,
    ...extraColumns.flatMap((c) => [c.sort?.asc, c.sort?.desc].filter(Boolean) as string[]),
  ])
  const offered = (c: DeclaredColumn) => [c.sort?.asc, c.sort?.desc].some((s) => s && sorts.has(s))
  const toggleSort = (c: DeclaredColumn) => {
    const { asc, desc } = c.sort ?? {}
    const target = sort === asc ? (desc ?? asc) : sort === desc ? (asc ?? desc) : (asc ?? desc)
    if (target) setSort(target)
  }
  const ariaSort = (c: DeclaredColumn) =>
    sort === c.sort?.asc ? 'ascending' : sort === c.sort?.desc ? 'descending' : 'none'
  const byKey = new Map(all.map((c) => [c.key, c]))

  const scopeNote =
    list.scope === 'all'
      ? null
      : `${t(`list.scope_${list.scope}`)} · ${f.number(count.value)}${count.capped ? '+' : ''}`

  const toolbar = (
    <Paper withBorder radius="md" p="sm" mb="sm">
      <Group gap="sm" wrap={phone ? 'nowrap' : 'wrap'} align="flex-end">
        {search && <div style={{ flex: 1, minWidth: phone ? 0 : 220 }}>{search}</div>}
        {filters && (
          <Button
            variant={chips.length ? 'light' : 'default'}
            onClick={toggleFilters}
            leftSection={<IconAdjustments size={16} />}
            aria-expanded={filtersOpen}
            data-testid="toggle-filters"
            rightSection={
              chips.length ? (
                <Badge size="xs" circle>
                  {chips.length}
                </Badge>
              ) : null
            }
          >
            {t('common.filters')}
          </Button>
        )}
        {!phone && (
          <Group gap="xs" ml="auto">
            <ColumnsMenu
              columns={all.map((c) => ({ key: c.key, label: c.label }))}
              shown={shown}
              onChange={setShown}
            />
            <SegmentedControl
              size="xs"
              aria-label={t('list.density')}
              value={compact ? 'compact' : 'comfortable'}
              data={[
                { value: 'comfortable', label: t('list.comfortable') },
                { value: 'compact', label: t('list.compact') },
              ]}
              onChange={(v) => url.apply({ density: v === 'compact' ? 'compact' : null }, true)}
            />
          </Group>
        )}
      </Group>
      <Collapse expanded={filtersOpen}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" pt="sm" data-testid="filters">
          {filters}
        </SimpleGrid>
      </Collapse>
      {(quick.length > 0 || chips.length > 0) && (
        <Group gap={6} mt="xs" wrap="wrap">
          {quick.map((q) => {
            const on = quickActive(q.params)
            return (
              <Chip
                key={q.key}
                size="xs"
                checked={on}
                onChange={() =>
                  url.apply(
                    on ? Object.fromEntries(Object.keys(q.params).map((k) => [k, null])) : q.params
                  )
                }
                data-testid={`quick-${q.key}`}
              >
                {t(q.label)}
              </Chip>
            )
          })}
          {chips.map((c) => (
            <Badge
              key={c.key}
              variant="light"
              size="lg"
              radius="sm"
              tt="none"
              fw={500}
              data-testid={`chip-${c.key}`}
              rightSection={
                <CloseButton
                  size="xs"
                  aria-label={t('list.remove_filter', { label: c.label })}
                  onClick={() => url.apply(c.remove)}
                />
              }
            >
              {c.label}
            </Badge>
          ))}
          {chips.length > 0 && (
            <Button
              variant="subtle"
              size="compact-xs"
              leftSection={<IconX size={12} />}
              onClick={clearAll}
            >
              {t('common.clear_filters')}
            </Button>
          )}
        </Group>
      )}
    </Paper>
  )

  // The module's bar says how many are selected and clears them; the list adds "all N matching".
  const matching = `${f.number(count.value)}${count.capped ? '+' : ''}`
  const selectionBar =
    bulk && (selectedIds.length > 0 || allMatching) ? (
      <Paper withBorder radius="md" p="xs" mb="xs" data-testid="selection">
        <BulkBar
          ids={selectedIds}
          allMatching={allMatching}
          // "All N matching" counts them (capped like the list's count and the server).
          count={allMatching ? count.value : selectedIds.length}
          clear={clearSelection}
          config={bulk}
          query={url.params}
        />
        {allMatching ? (
          <Text size="sm" mt={4} data-testid="all-matching">
            {t('list.all_selected', { count: matching })}
          </Text>
        ) : (
          count.value > selectedIds.length && (
            <Button
              variant="subtle"
              size="compact-sm"
              mt={4}
              onClick={() => setAllMatching(true)}
              style={{ whiteSpace: 'normal', height: 'auto', textAlign: 'start' }}
            >
              {t('list.select_matching', { count: matching })}
            </Button>
          )
        )}
      </Paper>
    ) : null

  // A click on a row (or card) opens the record, unless it was on a link, button, box or
  // in-place editor of it, or outside it (a select's options, drawn in a portal).
  const open = (event: React.MouseEvent, row: Row) => {
    const target = event.target as HTMLElement
    if (!(event.currentTarget as HTMLElement).contains(target)) return
    if (target.closest('a, button, input, label, [role="button"], [data-inline-field]')) return
    router.visit(rowHref(row))
  }

  const primary = all.filter((c) => c.primary)
  const [title, ...details] = primary.length ? primary : all.slice(0, 1)
  const cards = (
    <Stack gap="xs" data-testid="list-cards">
      {selection && (
        <Checkbox
          label={t('list.select_page')}
          checked={table.getIsAllPageRowsSelected()}
          indeterminate={table.getIsSomePageRowsSelected()}
          onChange={table.getToggleAllPageRowsSelectedHandler()}
          px="sm"
          size="sm"
        />
      )}
      {rows.map((row) => (
        <Card
          key={rowId(row)}
          withBorder
          padding="sm"
          radius="md"
          onClick={(e) => open(e, row)}
          style={{ cursor: 'pointer' }}
          // J/K walk these (resources/js/ui/shortcuts.ts); Enter opens data-href.
          data-list-row
          data-href={rowHref(row)}
        >
          <Group gap="sm" wrap="nowrap" align="flex-start">
            {selection && (
              <Checkbox
                aria-label={t('list.select_row')}
                checked={!!selected[String(rowId(row))]}
                onChange={(e) => toggleCard(rowId(row), e.currentTarget.checked)}
                mt={2}
              />
            )}
            <Box fw={600} style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
              {title.render(row)}
            </Box>
          </Group>
          {details.map((c) => {
            const content = c.render(row)
            if (content === null || content === undefined) return null
            return (
              <Group key={c.key} gap={6} wrap="wrap" align="baseline" fz="sm">
                <Text span size="xs" tt="uppercase" c="dimmed">
                  {c.label}
                </Text>
                <Box style={{ overflowWrap: 'anywhere' }}>{content}</Box>
              </Group>
            )
          })}
        </Card>
      ))}
    </Stack>
  )

  const grid = (
    <ScrollHint>
      <Table
        highlightOnHover
        striped="even"
        miw={640}
        verticalSpacing={compact ? 2 : 'xs'}
        fz={compact ? 'xs' : 'sm'}
        data-density={compact ? 'compact' : 'comfortable'}
        className={compact ? 'list-compact' : undefined}
      >
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const c = byKey.get(header.column.id)
                if (!c || !offered(c))
                  return (
                    <Table.Th key={header.id} w={header.column.id === '_select' ? 36 : undefined}>
                      <table.FlexRender header={header} />
                    </Table.Th>
                  )
                return (
                  <Table.Th key={header.id} aria-sort={ariaSort(c)}>
                    <UnstyledButton
                      onClick={() => toggleSort(c)}
                      fw={700}
                      fz="inherit"
                      data-testid={`sort-${c.key}`}
                      style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
                    >
                      {c.label}
                      {sortIcon(c)}
                    </UnstyledButton>
                  </Table.Th>
                )
              })}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {table.getRowModel().rows.map((row) => (
            <Table.Tr
              key={row.id}
              data-selected={row.getIsSelected() || undefined}
              onClick={(e) => open(e, row.original)}
              style={{ cursor: 'pointer' }}
              data-list-row
              data-href={rowHref(row.original)}
            >
              {row.getVisibleCells().map((cell) => (
                <Table.Td
                  key={cell.id}
                  data-column={cell.column.id}
                  style={compact ? COMPACT_CELL : undefined}
                  // The checkbox cell selects; a click beside the box must not open the record.
                  onClick={cell.column.id === '_select' ? (e) => e.stopPropagation() : undefined}
                >
                  <table.FlexRender cell={cell} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollHint>
  )

  return (
    <>
      {toolbar}
      {scopeNote && (
        <Text size="sm" c="dimmed" mb="xs" data-testid="scope-note">
          {scopeNote}
        </Text>
      )}
      {rows.length === 0 ? (
        filtered ? (
          <EmptyState
            title={t('list.no_match')}
            description={t('list.no_match_description')}
            action={
              <Button variant="default" onClick={clearAll}>
                {t('common.clear_filters')}
              </Button>
            }
          />
        ) : (
          empty
        )
      ) : (
        <Stack gap={0}>
          {/* A record opened from here moves J/K on into the next pages (ui/shortcuts.ts). */}
          <span hidden data-list-nav={listPaging(page, rows, rowId, rowHref, { next, prev })} />
          {selectionBar}
          {phone ? cards : grid}
          <Group justify="space-between" align="flex-end" gap="xs">
            <Box style={{ flex: 1 }}>
              <KeysetPager
                count={count}
                noun={noun}
                firstHref={url.href(pagerParams)}
                prevHref={prev ? url.href({ before: prev }) : null}
                nextHref={next ? url.href({ cursor: next }) : null}
                isFirstPage={!prev}
                offset={offset}
                shown={rows.length}
                exactHref={url.href(
                  { cursor: params.cursor, before: params.before, count: 'exact' },
                  true
                )}
              />
            </Box>
            <Select
              size="xs"
              w={150}
              mt="md"
              aria-label={t('list.per_page')}
              allowDeselect={false}
              value={String(per)}
              data={PAGE_SIZES.map((n) => ({
                value: String(n),
                label: t('list.per_page_option', { count: n }),
              }))}
              onChange={(v) => url.apply({ per: Number(v) === PAGE_SIZES[0] ? null : v })}
              data-testid="per-page"
            />
          </Group>
        </Stack>
      )}
    </>
  )
}
