import type { ReactNode } from 'react'
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
export function DataTable<Row>({ rows, columns, rowKey, onRowClick }: {
  rows: Row[]
  columns: Column<Row>[]
  rowKey: (row: Row) => string | number
  onRowClick?: (row: Row) => void
}) {
  const phone = useMediaQuery('(max-width: 48em)')
  if (phone) {
    const [first, ...rest] = columns
    return (
      <Stack gap="xs">
        {rows.map((row) => (
          <Card key={rowKey(row)} withBorder padding="sm" radius="md" onClick={onRowClick ? () => onRowClick(row) : undefined} style={onRowClick ? { cursor: 'pointer' } : undefined}>
            <Box fw={600} style={{ overflowWrap: 'anywhere' }}>{first.render(row)}</Box>
            {rest.filter((c) => !c.hideOnMobile).map((c) => (
              // div, not p: cells may hold badges, groups or links.
              <Group key={c.key} gap={6} wrap="wrap" align="baseline" fz="sm" style={{ overflowWrap: 'anywhere' }}>
                <Text span size="xs" tt="uppercase" c="dimmed">{c.header}</Text>
                <Box>{c.render(row)}</Box>
              </Group>
            ))}
          </Card>
        ))}
      </Stack>
    )
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover verticalSpacing="xs" striped="even">
        <Table.Thead>
          <Table.Tr>{columns.map((c) => <Table.Th key={c.key} w={c.width}>{c.header}</Table.Th>)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)} onClick={onRowClick ? () => onRowClick(row) : undefined} style={onRowClick ? { cursor: 'pointer' } : undefined}>
              {columns.map((c) => <Table.Td key={c.key}>{c.render(row)}</Table.Td>)}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
