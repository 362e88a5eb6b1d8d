import { Head, Link, usePage } from '@inertiajs/react'
import { Card, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { NavIcon, PageHeader, useT, type SharedProps } from '~/ui'

/** Start page: a greeting and the user's way into each enabled module. */
export default function Home() {
  const { t } = useT()
  const { shell } = usePage<SharedProps>().props
  const firstName = shell.user?.fullName.split(' ')[0] ?? ''
  return (
    <>
      <Head title={t('common.home')} />
      <PageHeader
        title={t('home.greeting', { name: firstName })}
        subtitle={shell.organization?.name}
      />
      {shell.navigation.length === 0 ? (
        <Text c="dimmed">
          {shell.user?.isAdmin ? t('home.no_modules_admin') : t('home.no_modules')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
          {shell.navigation.map((item) => (
            <Card
              key={item.href}
              component={Link}
              href={item.href}
              withBorder
              padding="lg"
              radius="md"
            >
              <Stack gap="xs">
                <ThemeIcon variant="light" size={40} radius="md">
                  <NavIcon name={item.icon} size={22} />
                </ThemeIcon>
                <Title order={4}>{t(item.label)}</Title>
                <Text size="sm" c="dimmed">
                  {t(`home.cards.${item.module}.${item.label.split('.').pop()}`)}
                </Text>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </>
  )
}
