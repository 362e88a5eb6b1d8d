import { Badge } from '@mantine/core'
import { useT } from '~/ui'

const COLORS: Record<string, string> = {
  new: 'blue',
  working: 'yellow',
  converted: 'green',
  disqualified: 'gray',
}

/** A lead's status as a coloured badge (its text says it: colour is never the only cue). */
export function LeadStatusBadge({ status }: { status: string }) {
  const { t } = useT()
  return (
    // Never cut to "N…" in a narrow list cell: the word is the cue.
    <Badge color={COLORS[status] ?? 'gray'} variant="light" style={{ minWidth: 'max-content' }}>
      {t(`crm.leads.statuses.${status}`)}
    </Badge>
  )
}
