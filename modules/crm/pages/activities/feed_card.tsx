import { useState } from 'react'
import { Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useFormat, useT } from '~/ui'
import { apiJson } from '~/ui/api'

/**
 * The user's ICS subscription: a secret address shown once when generated ("Regenerar" makes a
 * new one and kills the old), "Revocar" turns it off (the address answers 404).
 */
export function FeedCard({ feed }: { feed: { since: string | null } }) {
  const { t } = useT()
  const f = useFormat()
  const [since, setSince] = useState(feed.since)
  const [url, setUrl] = useState<string | null>(null)
  const regenerate = async () => {
    const result = await apiJson<{ url: string }>('POST', '/crm/calendar/feed')
    if (!result.ok) return
    setUrl(result.body.url)
    setSince(new Date().toISOString())
  }
  const revoke = async () => {
    const result = await apiJson('DELETE', '/crm/calendar/feed')
    if (!result.ok) return
    setUrl(null)
    setSince(null)
    notifications.show({ color: 'teal', message: t('crm.calendar.revoked') })
  }
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      mt="md"
      component="section"
      aria-label={t('crm.calendar.feed')}
    >
      <Stack gap="xs">
        <Title order={5}>{t('crm.calendar.feed')}</Title>
        <Text size="sm" c="dimmed">
          {t('crm.calendar.feed_help')}
        </Text>
        <Text size="sm" aria-live="polite">
          {since
            ? t('crm.calendar.feed_active', { since: f.date(since) })
            : t('crm.calendar.feed_none')}
        </Text>
        {url && (
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              readOnly
              value={url}
              label={t('crm.calendar.copy_once')}
              style={{ flex: 1 }}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {copied ? t('crm.calendar.copied') : t('crm.calendar.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        )}
        <Group>
          <Button variant="light" onClick={regenerate}>
            {t('crm.calendar.regenerate')}
          </Button>
          {since && (
            <Button variant="default" color="red" onClick={revoke}>
              {t('crm.calendar.revoke')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  )
}
