import { Table, UnstyledButton, VisuallyHidden } from '@mantine/core'
import { useFormat, useT } from '~/ui'
import type { PivotAxisEntry, PivotGrid, PivotMember } from '../../dto/pivot'
import { axisText } from './labels'

/** A figure as the reader reads it: money from minor units, percentages, plain numbers. */
export function useFigure() {
  const f = useFormat()
  return (value: number | null, measure: PivotMember) => {
    if (value === null) return ''
    if (measure.money) return f.money(Math.round(value))
    if (measure.format === 'percent') return `${f.number(value * 100, 1)} %`
    return f.number(value, Number.isInteger(value) ? 0 : 2)
  }
}

export interface DrillTarget {
  row: PivotAxisEntry
  column: PivotAxisEntry
  label: string
}

/**
 * The pivot as an HTML table: column headers per column member (subtotals and the total
 * column marked "Total"), row headers per row member, figures as buttons that drill down.
 * Scrolls sideways on a narrow screen.
 */
export function PivotTable({
  grid,
  onDrill,
}: {
  grid: PivotGrid
  onDrill: (t: DrillTarget) => void
}) {
  const { t, locale } = useT()
  const figure = useFigure()
  const words = { empty: t('analytics.pivot.empty'), quarter: t('analytics.pivot.quarter'), locale }
  const total = t('analytics.pivot.total')
  const M = grid.measures.length
  const R = grid.rowMembers.length
  const C = grid.columnMembers.length
  const rowLabel = (row: PivotAxisEntry) =>
    row.level === 0 && R > 0
      ? total
      : row.values.map((v, i) => axisText(v, grid.rowMembers[i], words)).join(' · ') +
        (row.level < R ? ` · ${total}` : '')
  const columnLabel = (column: PivotAxisEntry) =>
    column.level === 0
      ? total
      : column.values.map((v, i) => axisText(v, grid.columnMembers[i], words)).join(' · ') +
        (column.level < C ? ` · ${total}` : '')
  const headerRows = Math.max(C, 1)
  const minWidth = Math.max(R, 1) * 140 + grid.columns.length * M * 110
  return (
    <Table.ScrollContainer minWidth={Math.min(minWidth, 2400)}>
      <Table striped withTableBorder withColumnBorders highlightOnHover fz="sm">
        <caption>
          <VisuallyHidden>
            {t('analytics.pivot.table_caption', {
              measures: grid.measures.map((m) => m.title).join(', '),
            })}
          </VisuallyHidden>
        </caption>
        <Table.Thead>
          {Array.from({ length: headerRows }, (_, level) => (
            <Table.Tr key={level}>
              {level === 0 &&
                (R ? grid.rowMembers : [null]).map((m, i) => (
                  <Table.Th key={i} rowSpan={headerRows + (M > 1 || C === 0 ? 1 : 0)} scope="col">
                    {m?.title ?? ''}
                  </Table.Th>
                ))}
              {C === 0 ? (
                <Table.Th colSpan={M} scope="colgroup" ta="center">
                  {total}
                </Table.Th>
              ) : (
                grid.columns.map((column, j) => (
                  <Table.Th
                    key={j}
                    colSpan={M}
                    scope="colgroup"
                    ta="center"
                    fw={column.level < C ? 700 : 600}
                  >
                    {column.level === 0
                      ? level === 0
                        ? total
                        : ''
                      : level < column.values.length
                        ? axisText(column.values[level], grid.columnMembers[level], words)
                        : level === column.values.length
                          ? total
                          : ''}
                  </Table.Th>
                ))
              )}
            </Table.Tr>
          ))}
          {(M > 1 || C === 0) && (
            <Table.Tr>
              {grid.columns.flatMap((_, j) =>
                grid.measures.map((m) => (
                  <Table.Th key={`${j}-${m.name}`} scope="col" ta="end">
                    {m.title}
                  </Table.Th>
                ))
              )}
            </Table.Tr>
          )}
        </Table.Thead>
        <Table.Tbody>
          {grid.rows.map((row, r) => {
            const isTotal = row.level < R || R === 0
            return (
              <Table.Tr key={r} fw={isTotal ? 700 : undefined}>
                {Array.from({ length: Math.max(R, 1) }, (_, i) => (
                  <Table.Th key={i} scope="row" fw={isTotal ? 700 : 500}>
                    {i < row.values.length
                      ? axisText(row.values[i], grid.rowMembers[i], words)
                      : i === row.values.length && isTotal
                        ? total
                        : ''}
                  </Table.Th>
                ))}
                {grid.cells[r].map((value, k) => {
                  const column = grid.columns[Math.floor(k / M)]
                  const measure = grid.measures[k % M]
                  const text = figure(value, measure)
                  return (
                    <Table.Td key={k} ta="end" style={{ whiteSpace: 'nowrap' }}>
                      {value === null ? (
                        ''
                      ) : (
                        <UnstyledButton
                          fz="sm"
                          fw="inherit"
                          td="underline dotted"
                          aria-label={`${text}: ${measure.title}, ${rowLabel(row)}, ${columnLabel(column)}`}
                          onClick={() =>
                            onDrill({
                              row,
                              column,
                              label: `${measure.title} · ${rowLabel(row)} · ${columnLabel(column)}`,
                            })
                          }
                        >
                          {text}
                        </UnstyledButton>
                      )}
                    </Table.Td>
                  )
                })}
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
