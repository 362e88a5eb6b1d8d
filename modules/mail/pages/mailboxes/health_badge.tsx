import { Badge, Tooltip } from '@mantine/core'
import { useT } from '~/ui'
import type { MailboxRowDto } from '../../dto/mailboxes'

const COLORS = { ok: 'green', warning: 'orange', error: 'red', never: 'gray' } as const

/**
 * A mailbox's health: green "Al día", orange "Con fallos" (kept raw), red "Faltan mensajes" or
 * the sync error, grey "Sin sincronizar". The tooltip says what it means.
 */
export function HealthBadge({ mailbox }: { mailbox: MailboxRowDto }) {
  const { t } = useT()
  const { health } = mailbox
  const label =
    health === 'error' && !mailbox.missing && mailbox.lastError
      ? mailbox.lastError
      : t(`mail.mailboxes.health.${health}`)
  return (
    <Tooltip label={t(`mail.mailboxes.health_help.${health}`)} multiline maw={280} withArrow>
      <Badge
        color={COLORS[health]}
        variant="light"
        maw="100%"
        style={{ textTransform: 'none' }}
        data-testid="mailbox-health"
        data-health={health}
      >
        {label}
      </Badge>
    </Tooltip>
  )
}
