import { useEffect, useState } from 'react'
import { Link } from '@inertiajs/react'
import { Alert, Anchor, Group, List, Text } from '@mantine/core'
import { IconBellRinging } from '@tabler/icons-react'
import { useT } from '~/ui'
import { apiJson } from '~/ui/api'
import type { AlertDto } from '../../dto/alerts'
import { AlertMessage } from './alert_message'

/**
 * The open alerts the user may see (GET /analytics/alerts/active, in their scope): a banner
 * with the first `max` of them and a link to the list; nothing when there are none.
 */
export function AlertBanner({ max = 3 }: { max?: number }) {
  const { t } = useT()
  const [alerts, setAlerts] = useState<AlertDto[] | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let live = true
    apiJson<{ alerts: AlertDto[] }>('GET', '/analytics/alerts/active')
      .then((r) => {
        if (!live) return
        if (r.ok) setAlerts(r.body.alerts)
        else setFailed(true)
      })
      .catch(() => live && setFailed(true))
    return () => {
      live = false
    }
  }, [])
  if (failed)
    return (
      <Text role="alert" c="red.7" size="sm" mb="md">
        {t('analytics.alerts.banner.error')}
      </Text>
    )
  if (!alerts?.length) return null
  return (
    <Alert
      color="orange"
      variant="light"
      mb="md"
      icon={<IconBellRinging size={18} />}
      role="status"
      aria-live="polite"
      data-testid="alert-banner"
      title={
        <Group gap="sm" wrap="wrap">
          <span>{t('analytics.alerts.banner.title', { count: alerts.length })}</span>
          <Anchor component={Link} href="/analytics/alerts" size="sm">
            {t('analytics.alerts.banner.all')}
          </Anchor>
        </Group>
      }
    >
      <List size="sm" spacing={2}>
        {alerts.slice(0, max).map((a) => (
          <List.Item key={a.id}>
            <AlertMessage alert={a} />
          </List.Item>
        ))}
      </List>
    </Alert>
  )
}
