import { Head, Link } from '@inertiajs/react'
import { Alert, Badge, Button, Grid, Group, Paper, Stack, Text } from '@mantine/core'
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconArrowForwardUp,
  IconEyeOff,
  IconFileAlert,
} from '@tabler/icons-react'
import type { MessageActionsProps } from '../../dto/triage'
import { MessageActions } from './message_actions'
import { MessageTags } from './message_tags'
import { PageHeader, useFormat, useT } from '~/ui'
import type { MessageViewDto } from '../../dto/messages'
import { MessageBody } from './html_body'
import { AttachmentList, HeaderLine, LinkList, Section, ThreadList, addressText } from './parts'

/** One captured message: its header, content (as much as the reader may see), records and thread. */
export default function MessageShow({
  message,
  actions,
  canSend,
}: {
  message: MessageViewDto
  actions: MessageActionsProps & { canCreateContact: boolean }
  canSend: boolean
}) {
  const { t } = useT()
  // Replies are written from a record the reader sees: the message's first one.
  const record = message.links[0]
  const compose = (mode: string) =>
    `/mail/compose?record=${encodeURIComponent(`${record?.type}:${record?.id}`)}&reply=${message.id}&mode=${mode}`
  const f = useFormat()
  const m = (key: string, values?: Record<string, unknown>) => t(`mail.message.${key}`, values)
  const title = message.subject === null ? m('subject_hidden') : message.subject || m('no_subject')
  const list = (items: MessageViewDto['to']) => items.map(addressText).join(', ')

  return (
    <>
      <Head title={title} />
      <PageHeader
        title={title}
        subtitle={
          <Group gap="xs" component="span">
            <Badge variant="light" size="sm" component="span">
              {m(`directions.${message.direction}`)}
            </Badge>
            {message.seenIn.length > 0 && (
              <span data-testid="seen-in">
                {m('seen_in', { names: message.seenIn.join(', ') })}
              </span>
            )}
          </Group>
        }
        actions={
          canSend &&
          record &&
          message.level === 'full' && (
            <Group gap="xs">
              <Button
                size="xs"
                component={Link}
                href={compose('reply')}
                leftSection={<IconArrowBackUp size={14} />}
              >
                {t('mail.compose.title_reply')}
              </Button>
              <Button size="xs" variant="light" component={Link} href={compose('reply_all')}>
                {t('mail.compose.title_reply_all')}
              </Button>
              <Button
                size="xs"
                variant="light"
                component={Link}
                href={compose('forward')}
                leftSection={<IconArrowForwardUp size={14} />}
              >
                {t('mail.compose.title_forward')}
              </Button>
            </Group>
          )
        }
      />
      <MessageTags tags={message.tags} />
      <MessageActions {...actions} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="sm">
            {message.spam && (
              <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={m('spam')}>
                {m('spam_help', { reason: message.spam.reason ?? m('spam_no_reason') })}
              </Alert>
            )}
            {message.unreadable && (
              <Alert color="red" icon={<IconFileAlert size={18} />} title={m('unreadable')}>
                {m('unreadable_help')}
                <Text size="sm" mt={4} data-testid="parse-error">
                  {m(`parse_errors.${message.unreadable.code}`)}
                </Text>
                {message.unreadable.detail && (
                  <Text size="xs" mt={4} style={{ overflowWrap: 'anywhere' }}>
                    {m('parse_error_detail', { detail: message.unreadable.detail })}
                  </Text>
                )}
              </Alert>
            )}
            {message.level !== 'full' && (
              <Alert color="gray" icon={<IconEyeOff size={18} />}>
                {m(`level.${message.level}`)}
              </Alert>
            )}
            <Paper withBorder radius="md" p="md">
              <Stack gap={4}>
                <HeaderLine label={m('from')}>{addressText(message.from)}</HeaderLine>
                {message.to.length > 0 && (
                  <HeaderLine label={m('to')}>{list(message.to)}</HeaderLine>
                )}
                {message.cc.length > 0 && (
                  <HeaderLine label={m('cc')}>{list(message.cc)}</HeaderLine>
                )}
                <HeaderLine label={m('date')}>{f.dateTime(message.sentAt)}</HeaderLine>
              </Stack>
            </Paper>
            {message.body && (
              <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }}>
                <MessageBody body={message.body} />
              </Paper>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="sm">
            <Section title={m('links')}>
              <LinkList links={message.links} />
            </Section>
            {message.attachments.length > 0 && (
              <Section title={m('attachments')}>
                <AttachmentList files={message.attachments} />
              </Section>
            )}
            {message.thread.length > 0 && (
              <Section title={m('thread')}>
                <ThreadList items={message.thread} />
              </Section>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  )
}
