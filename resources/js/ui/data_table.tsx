import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { Box, Card, Group, Stack, Table, Text } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'

export interface Column<Row> {
  key: string
  header: string
  render: (row: Row) => ReactNode
  /** Hidden in the phone card layout. */
  hideOnMobile?: boolean
  width?: number | string
}

/**
 * A table on wide screens; on phones each row becomes a card with the first column as its
 * title and the other columns as labelled lines.
 */
export function DataTable<Row>({
  rows,
  columns,
  rowKey,
  onRowClick,
  rowHref,
}: {
  rows: Row[]
  columns: Column<Row>[]
  rowKey: (row: Row) => string | number
  onRowClick?: (row: Row) => void
  /** The page a row opens: marks rows for J/K and Enter (ui/shortcuts.ts). */
  rowHref?: (row: Row) => string
}) {
  const rowProps = (row: Row) =>
    rowHref ? { 'data-list-row': true, 'data-href': rowHref(row) } : {}
  const phone = useMediaQuery('(max-width: 48em)')
  if (phone) {
    const [first, ...rest] = columns
    return (
      <Stack gap="xs">
        {rows.map((row) => (
          <Card
            key={rowKey(row)}
            withBorder
            padding="sm"
            radius="md"
            onClick={onRowClick ? () => onRowClick(row) : undefined}
            style={onRowClick ? { cursor: 'pointer' } : undefined}
            {...rowProps(row)}
          >
            <Box fw={600} style={{ overflowWrap: 'anywhere' }}>
              {first.render(row)}
            </Box>
            {rest
              .filter((c) => !c.hideOnMobile)
              .map((c) => {
                const content = c.render(row)
                // A cell with nothing to say (null) leaves no empty labelled line on the card.
                if (content === null || content === undefined) return null
                return (
                  // div, not p: cells may hold badges, groups or links.
                  <Group
                    key={c.key}
                    gap={6}
                    wrap="wrap"
                    align="baseline"
                    fz="sm"
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    <Text span size="xs" tt="uppercase" c="dimmed">
                      {c.header}
                    </Text>
                    <Box>{content}</Box>
                  </Group>
                )
              })}
          </Card>
        ))}
      </Stack>
    )
  }
  return (
    <ScrollHint>
      <Table highlightOnHover verticalSpacing="xs" striped="even" miw={640}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.key} w={c.width}>
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr
              key={rowKey(row)}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              style={onRowClick ? { cursor: 'pointer' } : undefined}
              {...rowProps(row)}
            >
              {columns.map((c) => (
                <Table.Td key={c.key}>{c.render(row)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollHint>
  )
}

/**
 * Horizontal scrolling for a table wider than the page, with a shadow on the side where more
 * columns are hidden: without it a cut-off last column looks like the whole table.
 */
export function ScrollHint({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  const [more, setMore] = useState({ left: false, right: false })
  const measure = useCallback(() => {
    const el = ref.current
    if (!el) return
    const left = el.scrollLeft > 1
    const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1
    setMore((m) => (m.left === left && m.right === right ? m : { left, right }))
  }, [])
  useEffect(() => {
    measure()
    const el = ref.current
    if (!el || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    if (el.firstElementChild) observer.observe(el.firstElementChild)
    return () => observer.disconnect()
  }, [measure])
  const shadow = (side: 'left' | 'right') => (
    <Box
      aria-hidden
      data-testid={`scroll-hint-${side}`}
      style={{
        position: 'absolute',
        top: 0,
        bottom: 0,
        [side]: 0,
        width: 24,
        pointerEvents: 'none',
        zIndex: 1,
        background: `linear-gradient(to ${side === 'left' ? 'right' : 'left'}, rgba(0, 0, 0, 0.12), transparent)`,
      }}
    />
  )
  return (
    <Box pos="relative">
      <div ref={ref} onScroll={measure} style={{ overflowX: 'auto' }} data-testid="table-scroll">
        {children}
      </div>
      {more.left && shadow('left')}
      {more.right && shadow('right')}
    </Box>
  )
}
