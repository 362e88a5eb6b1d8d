import { Head, Link, router } from '@inertiajs/react'
import { Badge, Button, Group, Paper, Select, Stack, Text } from '@mantine/core'
import { EmptyState, PageHeader, useFormat, useT } from '~/ui'
import type { TriagePage } from '../../dto/triage'
import { MessageActions } from '../messages/message_actions'
import { MessageTags } from '../messages/message_tags'

const withTag = (tag: string | null, before?: number) => {
  const params = new URLSearchParams()
  if (tag) params.set('tag', tag)
  if (before) params.set('before', String(before))
  const qs = params.toString()
  return qs ? `/mail/triage?${qs}` : '/mail/triage'
}

/** Bandeja de clasificación: captured mail linked to no record, newest first, by rule tag. */
export default function TriageIndex({ messages, nextBefore, users, tags, tag, can }: TriagePage) {
  const { t } = useT()
  const f = useFormat()
  return (
    <>
      <Head title={t('mail.triage.title')} />
      <PageHeader title={t('mail.triage.title')} />
      {(tags.length > 0 || tag) && (
        <Select
          mb="md"
          w={{ base: '100%', xs: 260 }}
          label={t('mail.triage.tag_filter')}
          placeholder={t('mail.triage.all_tags')}
          data={tags}
          value={tag}
          onChange={(v) => router.get(withTag(v), {}, { preserveScroll: true })}
          clearable
          searchable
        />
      )}
      {messages.length === 0 ? (
        <EmptyState
          title={t('mail.triage.title')}
          description={tag ? t('mail.triage.empty_tag', { tag }) : t('mail.triage.empty')}
        />
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {messages.map((m) => (
            <Paper key={m.id} withBorder radius="md" p="sm" component="li">
              <Stack gap={6}>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Text fw={600} size="sm">
                    {m.fromName ? `${m.fromName} <${m.fromAddress ?? ''}>` : (m.fromAddress ?? '')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {f.dateTime(m.sentAt)}
                  </Text>
                </Group>
                <Text
                  size="sm"
                  component={Link}
                  href={`/mail/messages/${m.id}`}
                  style={{ wordBreak: 'break-word' }}
                >
                  {m.unreadable
                    ? t('mail.triage.unreadable')
                    : m.subject === null
                      ? t('mail.triage.hidden_subject')
                      : m.subject || t('mail.triage.no_subject')}
                </Text>
                <MessageTags tags={m.tags} />
                {m.snippet && (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {m.snippet}
                  </Text>
                )}
                {m.assignedUserId !== null && (
                  <Badge variant="light" size="sm">
                    {users.find((u) => u.value === String(m.assignedUserId))?.label ?? ''}
                  </Badge>
                )}
                <MessageActions
                  messageId={m.id}
                  spam={false}
                  assignedUserId={m.assignedUserId}
                  canEdit={can.edit}
                  canAssign={can.manage}
                  canCreateContact={can.createContact}
                  users={users}
                  labels={[]}
                />
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
      {nextBefore !== null && (
        <Group justify="center" mt="md">
          <Button component={Link} href={withTag(tag, nextBefore)} variant="default">
            {t('mail.triage.more')}
          </Button>
        </Group>
      )}
    </>
  )
}
