import { Link } from '@inertiajs/react'
import { Anchor, Text } from '@mantine/core'
import { useFormat, useT } from '~/ui'
import type { AlertDto } from '../../dto/alerts'

/** An alert's sentence in the reader's language, linking to its record or page. */
export function AlertMessage({ alert }: { alert: AlertDto }) {
  const { t } = useT()
  const format = useFormat()
  const text = t(alert.messageKey, alert.params)
  const money =
    alert.kind === 'quota_under' && alert.params.targetMinor !== undefined
      ? ` (${format.money(String(alert.params.actualMinor ?? 0))} / ${format.money(String(alert.params.targetMinor))})`
      : ''
  return (
    <Text size="sm" component="span">
      {alert.link ? (
        <Anchor component={Link} href={alert.link} size="sm">
          {text}
        </Anchor>
      ) : (
        text
      )}
      {money}
    </Text>
  )
}
