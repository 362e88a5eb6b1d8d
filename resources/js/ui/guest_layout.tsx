import type { ReactNode } from 'react'
import { Alert, Anchor, Center, Group, Paper, Stack, Text } from '@mantine/core'
import { usePage } from '@inertiajs/react'
import { useFlashNotifications, switchLocale } from './app_layout'
import { useT } from './i18n'
import type { SharedProps } from './types'

/**
 * Centered card for sign-in, password reset and error pages seen signed out. Errors show once,
 * inside the card (no toast as well); successes as a toast.
 */
export function GuestLayout({ children }: { children: ReactNode }) {
  const { t, locale } = useT()
  const { flash, errors } = usePage<SharedProps>().props
  const frameworkErrors = Object.entries(errors ?? {})
    .filter(([key]) => key.startsWith('E_'))
    .map(([, m]) => m)
  const messages = [flash.error, ...frameworkErrors].filter((m): m is string => !!m)
  useFlashNotifications({ errors: false })
  return (
    <div className="cartera-auth-bg">
      <Center mih="100vh" p="md">
        <Stack w="100%" maw={420} gap="md">
          <Stack gap={0} align="center">
            <Text className="cartera-brand" fz={34}>
              Cartera
            </Text>
            <Text c="dimmed" size="sm">
              {t('auth.tagline')}
            </Text>
          </Stack>
          <Paper withBorder shadow="sm" radius="md" p={{ base: 'md', sm: 'xl' }}>
            {messages.map((m) => (
              <Alert key={m} color="red" variant="light" mb="md" data-testid="flash-error">
                {m}
              </Alert>
            ))}
            {children}
          </Paper>
          <Group justify="center" gap="xs">
            <Anchor
              component="button"
              size="sm"
              onClick={() => switchLocale('es')}
              fw={locale === 'es' ? 700 : 400}
            >
              Español
            </Anchor>
            <Text c="dimmed" size="sm">
              ·
            </Text>
            <Anchor
              component="button"
              size="sm"
              onClick={() => switchLocale('en')}
              fw={locale === 'en' ? 700 : 400}
            >
              English
            </Anchor>
          </Group>
        </Stack>
      </Center>
    </div>
  )
}

export const guestLayout = (page: ReactNode) => <GuestLayout>{page}</GuestLayout>
