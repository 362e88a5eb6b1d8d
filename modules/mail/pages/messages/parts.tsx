import { Link } from '@inertiajs/react'
import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { IconPaperclip } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useFormat, useT } from '~/ui'
import { formatBytes } from '~/ui/upload'
import type { AddressDto, AttachmentDto, MessageLinkDto, ThreadItemDto } from '../../dto/messages'

/** "Ana García <ana@cliente-a.es>", or whichever half is known. */
export function addressText(a: AddressDto): string {
  if (a.name && a.address) return `${a.name} <${a.address}>`
  return a.name ?? a.address ?? '—'
}

/** A labelled line of the header (De, Para, CC, Fecha). */
export function HeaderLine({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={56} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
        {children}
      </Text>
    </Group>
  )
}

/** A titled box of the side column. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={3} fz="md" mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  )
}

/** Linked records, each with why it is linked ("enlazado por References"). */
export function LinkList({ links }: { links: MessageLinkDto[] }) {
  const { t } = useT()
  if (!links.length)
    return (
      <Text size="sm" c="dimmed">
        {t('mail.message.no_links')}
      </Text>
    )
  return (
    <Stack gap={6}>
      {links.map((l) => (
        <div key={`${l.type}:${l.id}`} data-testid="message-link">
          <Anchor component={Link} href={l.href} size="sm" fw={500}>
            {l.name}
          </Anchor>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {t(`mail.message.reasons.${l.reason}`, { detail: l.detail ?? '' })}
          </Text>
        </div>
      ))}
    </Stack>
  )
}

/** The thread's other messages the reader may open. */
export function ThreadList({ items }: { items: ThreadItemDto[] }) {
  const { t } = useT()
  const f = useFormat()
  return (
    <Stack gap={6}>
      {items.map((m) => (
        <div key={m.id}>
          <Anchor component={Link} href={`/mail/messages/${m.id}`} size="sm">
            {m.subject === null
              ? t('mail.message.subject_hidden')
              : m.subject || t('mail.message.no_subject')}
          </Anchor>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {addressText(m.from)} · {f.dateTime(m.sentAt)}
          </Text>
        </div>
      ))}
    </Stack>
  )
}

/** Attachments (not the inline images), each a download link. */
export function AttachmentList({ files }: { files: AttachmentDto[] }) {
  const { locale } = useT()
  return (
    <Stack gap={6}>
      {files.map((file) => (
        <Group key={file.id} gap={6} wrap="nowrap" data-testid="message-attachment">
          <IconPaperclip size={14} style={{ flexShrink: 0 }} aria-hidden />
          {file.href ? (
            <Anchor href={file.href} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {file.filename}
            </Anchor>
          ) : (
            <Text size="sm">{file.filename}</Text>
          )}
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {formatBytes(file.size, locale)}
          </Text>
        </Group>
      ))}
    </Stack>
  )
}
