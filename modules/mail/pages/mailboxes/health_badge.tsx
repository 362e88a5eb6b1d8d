import { Badge, Tooltip } from '@mantine/core'
import { useT } from '~/ui'
import type { MailboxRowDto } from '../../dto/mailboxes'

const COLORS = { ok: 'green', warning: 'orange', error: 'red', never: 'gray' } as const

/**
 * A mailbox's health: green "Al día", orange "Con fallos" (kept raw), red "Faltan mensajes" or
 * "Error al sincronizar" (the card says which error), grey "Sin sincronizar". The tooltip says
 * what it means.
 */
export function HealthBadge({ mailbox }: { mailbox: MailboxRowDto }) {
  const { t } = useT()
  const { health } = mailbox
  // An error with nothing missing is the last sync's failure: the card says which, below.
  const state = health === 'error' && !mailbox.missing && mailbox.lastError ? 'sync_error' : health
  return (
    <Tooltip label={t(`mail.mailboxes.health_help.${state}`)} multiline maw={280} withArrow>
      <Badge
        color={COLORS[health]}
        variant="light"
        maw="100%"
        style={{ textTransform: 'none' }}
        data-testid="mailbox-health"
        data-health={health}
      >
        {t(`mail.mailboxes.health.${state}`)}
      </Badge>
    </Tooltip>
  )
}
