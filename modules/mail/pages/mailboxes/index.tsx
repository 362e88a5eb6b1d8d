import { useEffect, useState } from 'react'
import { Head, Link, router, usePoll } from '@inertiajs/react'
import { Badge, Button, Code, Collapse, Group, Paper, Progress, Stack, Text } from '@mantine/core'
import {
  IconChevronDown,
  IconChevronUp,
  IconDownload,
  IconPencil,
  IconPlus,
  IconRefresh,
} from '@tabler/icons-react'
import { EmptyState, PageHeader, useFormat, useT } from '~/ui'
import type { MailboxRowDto } from '../../dto/mailboxes'
import { HealthBadge } from './health_badge'
import { ListeningBadge } from './listening_badge'
import { FolderTable, LedgerTotals } from './ledger'

function MailboxCard({ mailbox, canConfigure }: { mailbox: MailboxRowDto; canConfigure: boolean }) {
  const { t } = useT()
  const f = useFormat()
  const [open, setOpen] = useState(false)
  return (
    <Paper withBorder radius="md" p="md" data-testid="mailbox">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2} style={{ minWidth: 0, flex: '1 1 200px' }}>
            <Group gap="xs" wrap="wrap">
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {mailbox.name}
              </Text>
              <Badge variant="outline" color="gray" size="sm">
                {t(`mail.mailboxes.kinds.${mailbox.kind}`)}
              </Badge>
              <ListeningBadge mailbox={mailbox} />
            </Group>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {mailbox.address ?? t('mail.mailboxes.no_address')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('mail.mailboxes.columns.last_sync')}:{' '}
              {mailbox.lastSyncAt
                ? f.dateTime(mailbox.lastSyncAt)
                : t('mail.mailboxes.never_synced')}
            </Text>
          </Stack>
          <HealthBadge mailbox={mailbox} />
        </Group>
        {mailbox.lastError && (
          <Text size="sm" c="red" style={{ overflowWrap: 'anywhere' }}>
            {t('mail.mailboxes.last_error', { error: mailbox.lastError })}
          </Text>
        )}
        {mailbox.syncing && (
          <Stack gap={2}>
            <Text size="xs">
              {t('mail.mailboxes.syncing', {
                done: mailbox.syncing.done,
                total: mailbox.syncing.total,
              })}
            </Text>
            <Progress
              value={
                mailbox.syncing.total ? (100 * mailbox.syncing.done) / mailbox.syncing.total : 0
              }
              aria-label={t('mail.mailboxes.syncing', {
                done: mailbox.syncing.done,
                total: mailbox.syncing.total,
              })}
            />
          </Stack>
        )}
        <LedgerTotals counts={mailbox} />
        {canConfigure && (
          <Group gap="xs" wrap="wrap">
            {mailbox.imap && (
              <>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconRefresh size={14} />}
                  onClick={() => router.post(`/mail/mailboxes/${mailbox.id}/sync`)}
                >
                  {t('mail.mailboxes.sync_now')}
                </Button>
                {mailbox.missing > 0 && (
                  <Button
                    size="xs"
                    variant="light"
                    color="orange"
                    leftSection={<IconDownload size={14} />}
                    onClick={() => router.post(`/mail/mailboxes/${mailbox.id}/refetch`)}
                  >
                    {t('mail.mailboxes.refetch')}
                  </Button>
                )}
              </>
            )}
            {mailbox.kind !== 'archive' && (
              <Button
                size="xs"
                variant="subtle"
                component={Link}
                href={`/mail/mailboxes/${mailbox.id}/edit`}
                leftSection={<IconPencil size={14} />}
              >
                {t('mail.mailboxes.edit')}
              </Button>
            )}
          </Group>
        )}
        {mailbox.folders.length > 0 && (
          <>
            <Button
              variant="subtle"
              size="compact-sm"
              w="fit-content"
              onClick={() => setOpen((o) => !o)}
              aria-expanded={open}
              rightSection={open ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
            >
              {open
                ? t('mail.mailboxes.hide_folders')
                : t('mail.mailboxes.folders', { count: mailbox.folders.length })}
            </Button>
            <Collapse expanded={open}>
              <FolderTable folders={mailbox.folders} />
            </Collapse>
          </>
        )}
      </Stack>
    </Paper>
  )
}

/** Correo › Buzones: each mailbox's ledger and health ("nothing lost, and we can show it"). */
export default function MailboxesIndex({
  mailboxes,
  canConfigure,
}: {
  mailboxes: MailboxRowDto[]
  canConfigure: boolean
}) {
  const { t } = useT()
  // While a mailbox syncs, its progress bar and counts move: the list is asked again every few
  // seconds, and no more once every sync is over.
  const syncing = mailboxes.some((m) => m.syncing)
  const { start, stop } = usePoll(3000, { only: ['mailboxes'] }, { autoStart: false })
  useEffect(() => {
    if (syncing) start()
    else stop()
    return stop
  }, [syncing, start, stop])
  return (
    <>
      <Head title={t('mail.mailboxes.title')} />
      <PageHeader
        title={t('mail.mailboxes.title')}
        subtitle={t('mail.mailboxes.subtitle')}
        actions={
          canConfigure && (
            <Button
              size="xs"
              component={Link}
              href="/mail/mailboxes/create"
              leftSection={<IconPlus size={14} />}
            >
              {t('mail.mailboxes.new')}
            </Button>
          )
        }
      />
      {mailboxes.length === 0 ? (
        <EmptyState
          title={t('mail.mailboxes.empty_title')}
          description={t('mail.mailboxes.empty_description')}
          action={
            <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {t('mail.mailboxes.empty_command')}
            </Code>
          }
        />
      ) : (
        <Stack gap="sm">
          {mailboxes.map((m) => (
            <MailboxCard key={m.id} mailbox={m} canConfigure={canConfigure} />
          ))}
        </Stack>
      )}
    </>
  )
}
