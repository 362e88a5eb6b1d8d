import { Head, Link } from '@inertiajs/react'
import { Anchor, Badge, Paper, Stack, Text } from '@mantine/core'
import { PageHeader, useFormat, useT } from '~/ui'
import type { OutboxRowDto } from '../../dto/compose'

const COLORS = { queued: 'gray', retrying: 'orange', sent: 'green', failed: 'red' } as const

/** The user's mail sent from Cartera and how its sending went; a failure shows its error. */
export default function Outbox({ items }: { items: OutboxRowDto[] }) {
  const { t } = useT()
  const f = useFormat()
  return (
    <>
      <Head title={t('mail.compose.outbox.title')} />
      <PageHeader title={t('mail.compose.outbox.title')} />
      {items.length === 0 ? (
        <Text c="dimmed">{t('mail.compose.outbox.empty')}</Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} style={{ listStyle: 'none' }}>
          {items.map((item) => (
            <Paper component="li" key={item.id} withBorder p="sm">
              <Stack gap={4}>
                {item.recordHref ? (
                  <Anchor component={Link} href={item.recordHref} fw={600}>
                    {item.subject}
                  </Anchor>
                ) : (
                  <Text fw={600}>{item.subject}</Text>
                )}
                <Text size="sm">
                  {t('mail.compose.outbox.to')}: {item.to.join(', ')}
                </Text>
                <Text size="sm" c="dimmed">
                  {f.dateTime(item.createdAt)} · {t('mail.compose.outbox.attempts')}:{' '}
                  {item.attempts}
                </Text>
                <Badge
                  color={COLORS[item.status]}
                  w="fit-content"
                  maw="100%"
                  style={{ textTransform: 'none' }}
                  data-testid="outbox-status"
                >
                  {t(`mail.compose.outbox.statuses.${item.status}`, {
                    attempt: item.attempts,
                    max: item.maxAttempts,
                  })}
                </Badge>
                {item.error && (
                  <Text
                    size="sm"
                    c={item.status === 'retrying' ? 'orange.8' : 'red'}
                    role={item.status === 'failed' ? 'alert' : undefined}
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {t(
                      item.status === 'retrying'
                        ? 'mail.compose.outbox.retry_error'
                        : 'mail.compose.outbox.error_label',
                      { error: item.error }
                    )}
                  </Text>
                )}
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </>
  )
}
