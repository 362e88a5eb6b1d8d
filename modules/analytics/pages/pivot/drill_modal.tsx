import { useEffect, useState } from 'react'
import { Link } from '@inertiajs/react'
import { Alert, Anchor, Loader, Modal, Table, Text } from '@mantine/core'
import { useT } from '~/ui'
import { apiJson } from '~/ui/api'
import type { PivotDrill, PivotState } from '../../dto/pivot'
import { axisText } from './labels'
import { useFigure, type DrillTarget } from './pivot_table'

/** The records behind a figure (in the user's scope), each linked to its page. */
export function DrillModal(props: { state: PivotState; target: DrillTarget; onClose: () => void }) {
  const { t, locale } = useT()
  const figure = useFigure()
  const words = { empty: '', quarter: t('analytics.pivot.quarter'), locale }
  const [drill, setDrill] = useState<PivotDrill | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    void apiJson<PivotDrill & { error?: string }>('POST', '/analytics/pivot/drill', {
      state: props.state,
      rowValues: props.target.row.values,
      columnValues: props.target.column.values,
    }).then((result) => {
      if (!live) return
      if (result.ok) setDrill(result.body)
      else setError(result.body.error ?? result.body.errors?.[0]?.message ?? String(result.status))
    })
    return () => {
      live = false
    }
  }, [props.state, props.target])
  return (
    <Modal opened onClose={props.onClose} size="xl" title={t('analytics.pivot.drill_title')}>
      <Text size="sm" c="dimmed" mb="sm">
        {props.target.label}
      </Text>
      {error && (
        <Alert color="red" role="alert">
          {t('analytics.pivot.error', { message: error })}
        </Alert>
      )}
      {!drill && !error && <Loader size="sm" aria-label={t('analytics.pivot.loading')} />}
      {drill && drill.rows.length === 0 && <Text>{t('analytics.pivot.drill_empty')}</Text>}
      {drill && drill.rows.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                {drill.columns.map((c) => (
                  <Table.Th key={c.name} scope="col">
                    {c.title}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {drill.rows.map((row, i) => (
                <Table.Tr key={i}>
                  {row.values.map((v, k) => {
                    const column = drill.columns[k]
                    const isMeasure = k >= drill.columns.length - props.state.measures.length
                    const text = isMeasure
                      ? figure(v === null ? null : Number(v), column)
                      : axisText(v === null ? null : String(v), column, words)
                    return (
                      <Table.Td key={k} ta={isMeasure ? 'end' : undefined}>
                        {k === 1 && row.path ? (
                          <Anchor component={Link} href={row.path}>
                            {text}
                          </Anchor>
                        ) : (
                          text
                        )}
                      </Table.Td>
                    )
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {drill?.truncated && (
        <Text size="sm" c="dimmed" mt="sm">
          {t('analytics.pivot.drill_truncated', { limit: drill.rows.length })}
        </Text>
      )}
    </Modal>
  )
}
