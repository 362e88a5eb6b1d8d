import { Badge, Tooltip } from '@mantine/core'
import { useT } from '~/ui'
import type { MailboxRowDto } from '../../dto/mailboxes'

/**
 * How an IMAP mailbox hears of new mail: "En tiempo real (IDLE)" while a watcher holds an IDLE
 * connection to its server, else "Sondeo cada minuto". Nothing for archive-only mailboxes.
 */
export function ListeningBadge({ mailbox }: { mailbox: MailboxRowDto }) {
  const { t } = useT()
  if (!mailbox.imap) return null
  const mode = mailbox.realtime ? 'idle' : 'polling'
  return (
    <Tooltip label={t(`mail.mailboxes.listening_help.${mode}`)} multiline maw={280} withArrow>
      <Badge
        variant={mailbox.realtime ? 'light' : 'outline'}
        color={mailbox.realtime ? 'teal' : 'gray'}
        size="sm"
        style={{ textTransform: 'none' }}
        data-testid="mailbox-listening"
        data-mode={mode}
      >
        {t(`mail.mailboxes.listening.${mode}`)}
      </Badge>
    </Tooltip>
  )
}
