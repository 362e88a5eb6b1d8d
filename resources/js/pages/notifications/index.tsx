import { Head, Link, router } from '@inertiajs/react'
import { Anchor, Button, Group, Paper, Switch } from '@mantine/core'
import { IconChecks } from '@tabler/icons-react'
import { EmptyState, NotificationList, PageHeader, notificationsApi, useT } from '~/ui'
import type { NotificationItem } from '~/ui'

interface Props {
  page: { items: NotificationItem[]; next: number | null }
  unread: number
  filters: { before: number | null; unread: boolean }
}

/** Notificaciones: every notification of the user, newest first, 20 at a time. */
export default function Notifications({ page, unread, filters }: Props) {
  const { t } = useT()
  const reload = () => router.reload({ only: ['page', 'unread'] })
  const query = (next: { before?: number | null; unread?: boolean }) => {
    const merged = { ...filters, ...next }
    const params = new URLSearchParams()
    if (merged.before) params.set('before', String(merged.before))
    if (merged.unread) params.set('unread', '1')
    const qs = params.toString()
    return `/notifications${qs ? `?${qs}` : ''}`
  }
  return (
    <>
      <Head title={t('notifications.title')} />
      <PageHeader
        title={t('notifications.title')}
        subtitle={t('notifications.unread_count', { count: unread })}
        actions={
          <Button
            variant="light"
            leftSection={<IconChecks size={16} />}
            disabled={unread === 0}
            onClick={() => router.post('/notifications/read-all', {}, { preserveScroll: true })}
          >
            {t('notifications.mark_all_read')}
          </Button>
        }
      />
      <Group mb="sm">
        <Switch
          label={t('notifications.unread_only')}
          checked={filters.unread}
          onChange={(e) => router.get(query({ unread: e.currentTarget.checked, before: null }))}
        />
      </Group>
      {page.items.length === 0 ? (
        <EmptyState
          title={t(filters.unread ? 'notifications.empty_unread' : 'notifications.empty')}
          description={t('notifications.empty_help')}
        />
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <NotificationList
            items={page.items}
            onMarkRead={(id) => notificationsApi.markRead(id).then(reload, reload)}
          />
        </Paper>
      )}
      <Group justify="space-between" mt="md">
        {filters.before ? (
          <Button variant="default" component={Link} href={query({ before: null })}>
            {t('notifications.newest')}
          </Button>
        ) : (
          <span />
        )}
        {page.next && (
          <Button variant="default" component={Link} href={query({ before: page.next })}>
            {t('notifications.older')}
          </Button>
        )}
      </Group>
      <Anchor component={Link} href="/profile#notifications" size="sm" mt="md" display="block">
        {t('notifications.preferences.link')}
      </Anchor>
    </>
  )
}
