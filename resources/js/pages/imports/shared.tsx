import { Badge, Group, Progress, Stack, Text } from '@mantine/core'
import { useT } from '~/ui'

/** A run as the import pages receive it (app/import/pages.ts runDto). */
export interface Run {
  id: number
  resource: string
  status: string
  fileName: string
  options: {
    format: 'csv' | 'xlsx'
    encoding?: string
    delimiter?: string
    sheet?: string
    sheets?: string[]
  }
  headers: string[]
  mapping: (string | null)[]
  totals: Totals
  rowsTotal: number
  rowsDone: number
  error: string | null
  createdAt: string
  committedAt: string | null
  rolledBackAt: string | null
  /** Its file and preview were removed by the nightly clean-up. */
  prunedAt: string | null
}

export interface Totals {
  created: number
  updated: number
  duplicates: number
  rejected: number
}

export const RUNNING = ['previewing', 'committing', 'rolling_back']

const STATUS_COLORS: Record<string, string> = {
  committed: 'green',
  rolled_back: 'gray',
  failed: 'red',
  previewed: 'blue',
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useT()
  return (
    <Badge variant="light" color={STATUS_COLORS[status] ?? 'indigo'} tt="none">
      {t(`import.status.${status}`)}
    </Badge>
  )
}

/** The four counts, as badges. */
export function TotalsLine({ totals }: { totals: Totals }) {
  const { t } = useT()
  const items: [keyof Totals, string][] = [
    ['created', 'green'],
    ['updated', 'blue'],
    ['duplicates', 'gray'],
    ['rejected', 'red'],
  ]
  return (
    <Group gap={6} wrap="wrap">
      {items.map(([key, color]) => (
        <Badge key={key} variant="light" color={color} tt="none">
          {t(`import.totals.${key}`, { count: totals[key] })}
        </Badge>
      ))}
    </Group>
  )
}

/** Lines done of all, as a bar that screen readers announce. */
export function RunProgress({
  done,
  total,
  label,
}: {
  done: number
  total: number
  label: string
}) {
  const { t } = useT()
  const value = total ? Math.min(100, Math.round((done / total) * 100)) : 0
  return (
    <Stack gap={4} role="status" aria-live="polite">
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Progress value={value} animated aria-label={label} />
      <Text size="xs" c="dimmed">
        {t('import.progress', { done, total })}
      </Text>
    </Stack>
  )
}

/** Where a module's record lives: /<module>/<plural>/<id> (the module route convention). */
export function recordUrl(resource: string, id: number) {
  return `/${resource.replace('.', '/')}/${id}`
}
