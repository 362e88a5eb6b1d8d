import { Head, Link } from '@inertiajs/react'
import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { EmptyState, NavIcon, PageHeader, useT } from '~/ui'
import type { DashboardsIndexPage } from '../../dto/dashboards'

/** Paneles: the dashboards the modules declare that the user may open. */
export default function DashboardsIndex({ dashboards }: DashboardsIndexPage) {
  const { t } = useT()
  return (
    <>
      <Head title={t('analytics.dash.title')} />
      <PageHeader
        title={t('analytics.dash.title')}
        subtitle={t('analytics.dash.subtitle')}
        crumbs={[
          { label: t('analytics.nav.analytics'), href: '/analytics' },
          { label: t('analytics.dash.title') },
        ]}
      />
      {dashboards.length === 0 ? (
        <EmptyState title={t('analytics.dash.title')} description={t('analytics.dash.none_open')} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {dashboards.map((d) => (
            <Card key={d.href} withBorder radius="md" component={Link} href={d.href} padding="lg">
              <Stack gap="xs">
                <Group gap="xs">
                  <NavIcon name={d.icon} size={22} />
                  <Title order={2} size="h4">
                    {d.title}
                  </Title>
                </Group>
                {d.description && (
                  <Text size="sm" c="dimmed">
                    {d.description}
                  </Text>
                )}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </>
  )
}
