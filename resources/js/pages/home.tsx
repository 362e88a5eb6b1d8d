import { useEffect } from 'react'
import { Head, Link, router, usePage } from '@inertiajs/react'
import {
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core'
import { NavIcon, PageHeader, useFormat, useT, type SharedProps } from '~/ui'

/** A card declared by a module's manifest (`cards`), already filtered for the user. */
interface HomeCard {
  module: string
  label: string
  description: string | null
  href: string
  icon: string | null
}

/** A data card of "Mi día" with what its loader found (null: the loader failed). */
interface HomeWidget {
  key: string
  module: string
  label: string
  size: 'sm' | 'md' | 'lg'
  icon: string | null
  data: {
    items?: {
      title: string
      detail?: string | null
      href?: string | null
      at?: string | null
      icon?: string | null
    }[]
    links?: { label: string; href: string; icon?: string | null }[]
    progress?: { value: number; target: number; text: string }
    empty: { message: string; action?: { label: string; href: string } }
  } | null
}

const SPAN = { sm: { base: 12, sm: 6, lg: 3 }, md: { base: 12, lg: 6 }, lg: { base: 12 } }

function WidgetBody({ data }: { data: NonNullable<HomeWidget['data']> }) {
  const { t } = useT()
  const format = useFormat()
  const items = data.items ?? []
  const links = data.links ?? []
  if (data.progress) {
    const { value, target, text } = data.progress
    return (
      <Stack gap={6}>
        <Progress value={target > 0 ? Math.min(100, (value / target) * 100) : 0} />
        <Text size="sm">{text}</Text>
      </Stack>
    )
  }
  if (links.length)
    return (
      <Group gap="xs">
        {links.map((link) => (
          <Button
            key={link.href}
            component={Link}
            href={link.href}
            variant="light"
            leftSection={<NavIcon name={link.icon ?? 'plus'} size={16} />}
          >
            {link.label}
          </Button>
        ))}
      </Group>
    )
  if (items.length)
    return (
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((item, index) => (
          <li key={`${item.href}-${index}`}>
            {item.href ? (
              <Anchor component={Link} href={item.href} prefetch fw={600} size="sm">
                {item.title}
              </Anchor>
            ) : (
              <Text fw={600} size="sm">
                {item.title}
              </Text>
            )}
            {item.detail && (
              <Text size="sm" c="dimmed" lineClamp={2}>
                {item.detail}
              </Text>
            )}
            {item.at && (
              <Text size="xs" c="dimmed">
                {format.dateTime(item.at)}
              </Text>
            )}
          </li>
        ))}
      </Stack>
    )
  return (
    <Stack gap="xs" align="flex-start" data-empty-state>
      <Text size="sm" c="dimmed">
        {data.empty.message}
      </Text>
      {data.empty.action && (
        <Anchor component={Link} href={data.empty.action.href} size="sm">
          {data.empty.action.label}
        </Anchor>
      )}
      {!data.empty.message && <Text size="sm">{t('home.cards.unavailable')}</Text>}
    </Stack>
  )
}

function Widget({ widget }: { widget: HomeWidget }) {
  const { t } = useT()
  const titleId = `home-card-${widget.key.replace(/\W/g, '-')}`
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      h="100%"
      component="section"
      aria-labelledby={titleId}
      data-home-card={widget.key}
    >
      <Group gap="xs" mb="sm" wrap="nowrap">
        <ThemeIcon variant="light" size={28} radius="md" aria-hidden>
          <NavIcon name={widget.icon} size={16} />
        </ThemeIcon>
        <Title order={2} size="h5" id={titleId}>
          {t(widget.label)}
        </Title>
      </Group>
      {widget.data ? (
        <WidgetBody data={widget.data} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('home.cards.unavailable')}
        </Text>
      )}
    </Card>
  )
}

/** "Mi día": the cards modules declare for the user, then the way into each enabled module. */
export default function Home({ cards, widgets }: { cards: HomeCard[]; widgets: HomeWidget[] }) {
  const { t } = useT()
  const { shell } = usePage<SharedProps>().props
  const firstName = shell.user?.fullName.split(' ')[0] ?? ''
  // Back on the tab: a partial reload refreshes the cards alone (the server runs only their loaders).
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === 'visible') router.reload({ only: ['widgets'] })
    }
    document.addEventListener('visibilitychange', refresh)
    return () => document.removeEventListener('visibilitychange', refresh)
  }, [])
  return (
    <>
      <Head title={t('home.title')} />
      <PageHeader
        title={t('home.greeting', { name: firstName })}
        subtitle={shell.organization?.name}
      />
      <Stack gap="xl">
        {widgets.length > 0 && (
          <Grid gap="md">
            {widgets.map((widget) => (
              <Grid.Col key={widget.key} span={SPAN[widget.size] ?? SPAN.md}>
                <Widget widget={widget} />
              </Grid.Col>
            ))}
          </Grid>
        )}
        {cards.length === 0 ? (
          <Text c="dimmed">
            {shell.user?.isAdmin ? t('home.no_modules_admin') : t('home.no_modules')}
          </Text>
        ) : (
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('home.modules')}
            </Title>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
              {cards.map((card) => (
                <Card
                  key={card.href}
                  component={Link}
                  href={card.href}
                  prefetch
                  withBorder
                  padding="lg"
                  radius="md"
                >
                  <Stack gap="xs">
                    <ThemeIcon variant="light" size={40} radius="md">
                      <NavIcon name={card.icon} size={22} />
                    </ThemeIcon>
                    <Title order={3} size="h4">
                      {t(card.label)}
                    </Title>
                    {card.description && (
                      <Text size="sm" c="dimmed">
                        {t(card.description)}
                      </Text>
                    )}
                  </Stack>
                </Card>
              ))}
            </SimpleGrid>
          </Stack>
        )}
      </Stack>
    </>
  )
}
