import { Head, Link, usePage } from '@inertiajs/react'
import { Card, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { NavIcon, PageHeader, useT, type SharedProps } from '~/ui'

/** A card declared by a module's manifest (`cards`), already filtered for the user. */
interface HomeCard {
  module: string
  label: string
  description: string | null
  href: string
  icon: string | null
}

/** Start page: a greeting and the user's way into each enabled module. */
export default function Home({ cards }: { cards: HomeCard[] }) {
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
      {cards.length === 0 ? (
        <Text c="dimmed">
          {shell.user?.isAdmin ? t('home.no_modules_admin') : t('home.no_modules')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
          {cards.map((card) => (
            <Card
              key={card.href}
              component={Link}
              href={card.href}
              withBorder
              padding="lg"
              radius="md"
            >
              <Stack gap="xs">
                <ThemeIcon variant="light" size={40} radius="md">
                  <NavIcon name={card.icon} size={22} />
                </ThemeIcon>
                <Title order={4}>{t(card.label)}</Title>
                {card.description && (
                  <Text size="sm" c="dimmed">
                    {t(card.description)}
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
