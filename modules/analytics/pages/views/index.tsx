import { Head, Link } from '@inertiajs/react'
import { Badge, Button, Code, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { EmptyState, PageHeader, useT } from '~/ui'
import type { AnalyticsMember, AnalyticsViewsPage } from '../../dto/views'
import { AlertBanner } from '../shared/alert_banner'

function Members({ label, members }: { label: string; members: AnalyticsMember[] }) {
  const { t } = useT()
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {members.map((m) => (
        <Group key={m.name} gap="xs" wrap="wrap">
          <Text size="sm">{m.title}</Text>
          <Code>{m.name}</Code>
          {m.money && (
            <Badge size="xs" variant="light">
              {t('analytics.views.money')}
            </Badge>
          )}
        </Group>
      ))}
    </Stack>
  )
}

/** Analítica: the public views people (and the Cube client) can query, with their members. */
export default function AnalyticsViews(props: AnalyticsViewsPage) {
  const { t } = useT()
  return (
    <>
      <Head title={t('analytics.views.title')} />
      <PageHeader
        title={t('analytics.views.title')}
        subtitle={t('analytics.views.subtitle')}
        actions={
          <Button component={Link} href="/analytics/dashboards" variant="light">
            {t('analytics.dash.open')}
          </Button>
        }
      />
      <AlertBanner />
      <Stack gap="lg">
        <Text size="sm" c="dimmed">
          {t('analytics.views.api')} <Code>{props.apiUrl}</Code>
        </Text>
        {props.views.length === 0 ? (
          <EmptyState title={t('analytics.views.title')} description={t('analytics.views.empty')} />
        ) : (
          props.views.map((view) => (
            <Paper key={view.name} withBorder radius="md" p="md">
              <Stack gap="sm">
                <Group gap="xs" wrap="wrap">
                  <Title order={3} size="h4">
                    {view.title}
                  </Title>
                  <Code>{view.name}</Code>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Members label={t('analytics.views.measures')} members={view.measures} />
                  <Members label={t('analytics.views.dimensions')} members={view.dimensions} />
                </SimpleGrid>
              </Stack>
            </Paper>
          ))
        )}
      </Stack>
    </>
  )
}
