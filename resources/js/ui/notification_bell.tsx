import { useCallback, useEffect, useState } from 'react'
import { Link } from '@inertiajs/react'
import {
  ActionIcon,
  Anchor,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core'
import { IconBell, IconChecks } from '@tabler/icons-react'
import { useT } from './i18n'
import { NotificationList } from './notification_list'
import {
  UNREAD_CAP,
  listenToNotifications,
  notificationsApi,
  type NotificationSummary,
} from './notifications_client'

const EMPTY: NotificationSummary = { unread: 0, items: [], more: false }

/**
 * The bell of the top bar: unread count, the latest notifications in a popover, mark read.
 * The count is fetched by the browser once per page load and again on each live event (server-
 * sent events on the user's channel), never computed while a page is rendered.
 */
export function NotificationBell({ userId }: { userId: number }) {
  const { t } = useT()
  const [summary, setSummary] = useState<NotificationSummary>(EMPTY)
  const [opened, setOpened] = useState(false)
  const refresh = useCallback(() => {
    notificationsApi
      .summary()
      .then(setSummary)
      .catch(() => {})
  }, [])
  useEffect(() => {
    refresh()
    return listenToNotifications(userId, refresh)
  }, [userId, refresh])
  // Another tab may have read some meanwhile.
  useEffect(() => {
    if (opened) refresh()
  }, [opened, refresh])

  const markRead = (id: number) => {
    setSummary((s) => ({
      ...s,
      unread: Math.max(0, s.unread - (s.items.find((i) => i.id === id && !i.read) ? 1 : 0)),
      items: s.items.map((i) => (i.id === id ? { ...i, read: true } : i)),
    }))
    notificationsApi.markRead(id).catch(refresh)
  }
  const markAll = () => {
    setSummary((s) => ({ ...s, unread: 0, items: s.items.map((i) => ({ ...i, read: true })) }))
    notificationsApi.markAllRead().catch(refresh)
  }
  const count = summary.unread > UNREAD_CAP ? `${UNREAD_CAP}+` : String(summary.unread)

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width="min(380px, calc(100vw - 16px))"
      shadow="md"
      trapFocus
      returnFocus
      withinPortal
    >
      <Popover.Target>
        <Indicator
          label={count}
          size={18}
          color="red"
          offset={6}
          disabled={summary.unread === 0}
          inline
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={t('notifications.bell', { count: summary.unread })}
            aria-haspopup="dialog"
            aria-expanded={opened}
            data-testid="notification-bell"
            onClick={() => setOpened((o) => !o)}
          >
            <IconBell size={20} stroke={1.7} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown
        p={0}
        aria-label={t('notifications.title')}
        data-testid="notification-popover"
      >
        <Group justify="space-between" px="sm" py={8} wrap="nowrap">
          <Text fw={600} size="sm">
            {t('notifications.title')}
          </Text>
          <Button
            variant="subtle"
            size="compact-xs"
            leftSection={<IconChecks size={14} />}
            onClick={markAll}
            disabled={summary.unread === 0}
          >
            {t('notifications.mark_all_read_short')}
          </Button>
        </Group>
        <Divider />
        <ScrollArea.Autosize mah="min(420px, 60vh)">
          {summary.items.length === 0 ? (
            <Stack align="center" gap={4} p="lg">
              <IconBell size={28} stroke={1.4} color="var(--mantine-color-gray-5)" />
              <Text size="sm" c="dimmed">
                {t('notifications.empty')}
              </Text>
            </Stack>
          ) : (
            <NotificationList
              items={summary.items}
              onOpen={(id) => {
                markRead(id)
                setOpened(false)
              }}
              onMarkRead={markRead}
              compact
            />
          )}
        </ScrollArea.Autosize>
        <Divider />
        <Group justify="center" py={8}>
          <Anchor component={Link} href="/notifications" size="sm" onClick={() => setOpened(false)}>
            {t('notifications.view_all')}
          </Anchor>
        </Group>
      </Popover.Dropdown>
    </Popover>
  )
}
