import { type ReactNode, useEffect, useState } from 'react'
import { Link, router, usePage } from '@inertiajs/react'
import {
  Alert,
  AppShell,
  Avatar,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  UnstyledButton,
} from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import {
  IconChevronDown,
  IconLanguage,
  IconLogout,
  IconSettings,
  IconUserCircle,
} from '@tabler/icons-react'
import { useT } from './i18n'
import { NavIcon } from './icons'
import { NotificationBell } from './notification_bell'
import { CommandPalette, PaletteTrigger } from './command_palette'
import { KeyboardShortcuts } from './shortcuts_overlay'
import type { Shell, SharedProps } from './types'

const BANNER_KEY = 'cartera.evaluationBannerDismissed'

/** The `settings` entries of the menu, one folded group per module, in menu order. */
function settingsGroups(navigation: Shell['navigation']) {
  const groups = new Map<
    string,
    { module: string; moduleLabel: string; items: Shell['navigation'] }
  >()
  for (const item of navigation) {
    if (item.section !== 'settings') continue
    const group = groups.get(item.module) ?? {
      module: item.module,
      moduleLabel: item.moduleLabel,
      items: [],
    }
    group.items.push(item)
    groups.set(item.module, group)
  }
  return [...groups.values()]
}

const ADMIN_LINKS = [
  { href: '/admin/users', label: 'admin.nav.users', icon: 'users' },
  { href: '/admin/roles', label: 'admin.nav.roles', icon: 'shield-lock' },
  { href: '/admin/teams', label: 'admin.nav.teams', icon: 'users-group' },
  { href: '/admin/modules', label: 'admin.nav.modules', icon: 'packages' },
  { href: '/admin/licence', label: 'admin.nav.licence', icon: 'license' },
  { href: '/admin/audit', label: 'admin.nav.audit', icon: 'history' },
  { href: '/admin/settings/currencies', label: 'admin.nav.currencies', icon: 'coin' },
  { href: '/admin/settings/series', label: 'admin.nav.series', icon: 'numbers' },
  { href: '/admin/settings/lists', label: 'admin.nav.lists', icon: 'list-details' },
  { href: '/admin/tags', label: 'admin.nav.tags', icon: 'tags' },
  { href: '/admin/custom-fields', label: 'custom_fields.nav', icon: 'forms' },
  { href: '/admin/jobs', label: 'admin.nav.jobs', icon: 'clock-play' },
]

/**
 * Shows flashed messages, and errors the framework flashes (E_BAD_CSRF_TOKEN…), once per visit.
 * `errors: false` when the layout shows errors itself (guest pages).
 */
export function useFlashNotifications(options: { errors?: boolean } = {}) {
  const withErrors = options.errors ?? true
  const { flash, errors } = usePage<SharedProps>().props
  // As text, so that the effect runs again when the messages change, not on every render.
  const frameworkErrors = JSON.stringify(
    Object.entries(errors ?? {})
      .filter(([key]) => key.startsWith('E_'))
      .map(([, message]) => message)
  )
  useEffect(() => {
    if (flash.success)
      notifications.show({ color: 'teal', message: flash.success, autoClose: 4000 })
    if (!withErrors) return
    if (flash.error) notifications.show({ color: 'red', message: flash.error, autoClose: 8000 })
    for (const message of JSON.parse(frameworkErrors) as string[])
      notifications.show({ color: 'red', message, autoClose: 8000 })
  }, [flash.success, flash.error, frameworkErrors, withErrors])
}

export function switchLocale(locale: 'es' | 'en') {
  router.post('/preferences/locale', { locale }, { preserveScroll: true })
}

/** The signed-in shell: header with user menu, sidebar from enabled modules, content. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { shell, url } = { ...usePage<SharedProps>().props, url: usePage().url }
  const { t, locale } = useT()
  const [opened, { toggle, close }] = useDisclosure()
  // The evaluation notice can be hidden for the browser session; a licence problem cannot.
  const [bannerDismissed, setBannerDismissed] = useState(
    () => typeof sessionStorage !== 'undefined' && sessionStorage.getItem(BANNER_KEY) === '1'
  )
  const dismissBanner = () => {
    sessionStorage.setItem(BANNER_KEY, '1')
    setBannerDismissed(true)
  }
  useFlashNotifications()
  useEffect(() => close(), [url, close])

  const isActive = (href: string) =>
    href === '/'
      ? url === '/'
      : url === href || url.startsWith(`${href}/`) || url.startsWith(`${href}?`)
  const user = shell.user

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('common.menu')}
            />
            <Link href="/" className="cartera-brand">
              Cartera
            </Link>
            <Text size="sm" c="dimmed" visibleFrom="md" truncate>
              {shell.organization?.name}
            </Text>
          </Group>
          {user && (
            <Group gap="xs" wrap="nowrap">
              <PaletteTrigger />
              <NotificationBell userId={user.id} />
              <Menu position="bottom-end" width={220} withinPortal>
                <Menu.Target>
                  <UnstyledButton aria-label={t('common.user_menu')} data-testid="user-menu">
                    <Group gap={6} wrap="nowrap">
                      <Avatar size={30} radius="xl" color="indigo">
                        {initials(user.fullName)}
                      </Avatar>
                      <Text size="sm" fw={500} visibleFrom="sm" truncate maw={160}>
                        {user.fullName}
                      </Text>
                      <IconChevronDown size={14} />
                    </Group>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{user.email}</Menu.Label>
                  <Menu.Item
                    component={Link}
                    href="/profile"
                    leftSection={<IconUserCircle size={16} />}
                  >
                    {t('common.profile')}
                  </Menu.Item>
                  <Menu.Divider />
                  <Menu.Label>{t('common.language')}</Menu.Label>
                  <Menu.Item
                    leftSection={<IconLanguage size={16} />}
                    onClick={() => switchLocale('es')}
                    disabled={locale === 'es'}
                  >
                    Español
                  </Menu.Item>
                  <Menu.Item
                    leftSection={<IconLanguage size={16} />}
                    onClick={() => switchLocale('en')}
                    disabled={locale === 'en'}
                  >
                    English
                  </Menu.Item>
                  <Menu.Divider />
                  <Menu.Item
                    color="red"
                    leftSection={<IconLogout size={16} />}
                    onClick={() => router.post('/logout')}
                  >
                    {t('common.logout')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          )}
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={t('common.navigation')}>
        <AppShell.Section grow component={ScrollArea}>
          <NavLink
            component={Link}
            href="/"
            label={t('common.home')}
            leftSection={<NavIcon name="home" />}
            active={isActive('/')}
          />
          {shell.navigation
            .filter((item) => !item.section)
            .map((item) => (
              <NavLink
                key={item.href}
                component={Link}
                href={item.href}
                label={t(item.label)}
                leftSection={<NavIcon name={item.icon} />}
                active={isActive(item.href)}
              />
            ))}
          {settingsGroups(shell.navigation).map(({ module, moduleLabel, items }) => (
            <NavLink
              key={`settings-${module}`}
              label={t('common.module_settings', { module: t(moduleLabel) })}
              leftSection={<NavIcon name="adjustments" />}
              defaultOpened={items.some((item) => isActive(item.href))}
              childrenOffset={20}
            >
              {items.map((item) => (
                <NavLink
                  key={item.href}
                  component={Link}
                  href={item.href}
                  label={t(item.label)}
                  leftSection={<NavIcon name={item.icon} size={16} />}
                  active={isActive(item.href)}
                />
              ))}
            </NavLink>
          ))}
          {shell.bin && (
            <NavLink
              component={Link}
              href="/bin"
              label={t('bin.nav')}
              leftSection={<NavIcon name="trash" />}
              active={isActive('/bin')}
            />
          )}
          {user?.isAdmin && (
            <NavLink
              label={t('admin.nav.title')}
              leftSection={<IconSettings size={18} stroke={1.6} />}
              defaultOpened={url.startsWith('/admin')}
              childrenOffset={20}
            >
              {ADMIN_LINKS.map((item) => (
                <NavLink
                  key={item.href}
                  component={Link}
                  href={item.href}
                  label={t(item.label)}
                  leftSection={<NavIcon name={item.icon} size={16} />}
                  active={isActive(item.href)}
                />
              ))}
            </NavLink>
          )}
        </AppShell.Section>
      </AppShell.Navbar>

      {user && <CommandPalette shell={shell} />}
      {user && <KeyboardShortcuts />}
      <AppShell.Main>
        {shell.licence && (
          <LicenceNotice
            licence={shell.licence}
            dismissed={bannerDismissed}
            onDismiss={dismissBanner}
          />
        )}
        {children}
      </AppShell.Main>
    </AppShell>
  )
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join('')
}

/** What administrators are told about the licence: evaluation (dismissible), grace, restricted, seats. */
function LicenceNotice({
  licence,
  dismissed,
  onDismiss,
}: {
  licence: NonNullable<SharedProps['shell']['licence']>
  dismissed: boolean
  onDismiss: () => void
}) {
  const { t } = useT()
  const day = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '')
  const messages: { color: string; text: string; closable?: boolean }[] = []
  if (licence.mode === 'evaluation' && !dismissed)
    messages.push({ color: 'blue', text: t('admin.licence.evaluation_banner'), closable: true })
  if (licence.mode === 'grace')
    messages.push({
      color: 'orange',
      text: t('admin.licence.problems.grace', { until: day(licence.graceUntil) }),
    })
  if (licence.mode === 'restricted' && licence.problem) {
    messages.push({
      color: 'red',
      text: t(`admin.licence.problems.${licence.problem}`, {
        tier: t(`admin.modules.tiers.${licence.tier}`),
      }),
    })
  }
  if (licence.overSeats)
    messages.push({ color: 'red', text: t('admin.licence.problems.over_seats', licence.overSeats) })
  return (
    <>
      {messages.map((m) => (
        <Alert
          key={m.text}
          color={m.color}
          variant="light"
          mb="md"
          py={6}
          withCloseButton={!!m.closable}
          closeButtonLabel={t('common.close')}
          onClose={onDismiss}
        >
          {m.text} <Link href="/admin/licence">{t('admin.licence.manage')}</Link>
        </Alert>
      ))}
    </>
  )
}
