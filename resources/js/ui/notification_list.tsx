import { Link } from '@inertiajs/react'
import {
  ActionIcon,
  Box,
  Group,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core'
import { IconCheck } from '@tabler/icons-react'
import { useFormat } from './format'
import { useT } from './i18n'
import type { NotificationItem } from './notifications_client'

/**
 * Notifications, newest first: the message opens the link (and marks it read, on the server
 * at /notifications/:id/open); unread ones carry a dot and a "mark as read" button.
 */
export function NotificationList({
  items,
  onOpen,
  onMarkRead,
  compact = false,
}: {
  items: NotificationItem[]
  onOpen?: (id: number) => void
  onMarkRead: (id: number) => void
  compact?: boolean
}) {
  const { t } = useT()
  const { dateTime } = useFormat()
  return (
    <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <Box
          component="li"
          key={item.id}
          px="sm"
          py={compact ? 8 : 10}
          bg={item.read ? undefined : 'var(--mantine-color-blue-light)'}
          style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
          data-testid="notification-item"
          data-read={item.read ? 'true' : 'false'}
        >
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <UnstyledButton
              component={Link}
              href={`/notifications/${item.id}/open`}
              onClick={() => onOpen?.(item.id)}
              style={{ flex: 1, minWidth: 0 }}
            >
              <Text size="sm" fw={item.read ? 400 : 600} style={{ overflowWrap: 'anywhere' }}>
                {!item.read && <VisuallyHidden>{t('notifications.unread')}: </VisuallyHidden>}
                {item.message}
              </Text>
              <Text size="xs" c="dimmed">
                {dateTime(item.createdAt)}
              </Text>
            </UnstyledButton>
            {!item.read && (
              <Tooltip label={t('notifications.mark_read')} withinPortal>
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  aria-label={t('notifications.mark_read')}
                  onClick={() => onMarkRead(item.id)}
                >
                  <IconCheck size={16} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        </Box>
      ))}
    </Stack>
  )
}
