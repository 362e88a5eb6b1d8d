import { Head, Link, usePage } from '@inertiajs/react'
import { Button, Stack, Text, Title } from '@mantine/core'
import { AppLayout } from './app_layout'
import { GuestLayout } from './guest_layout'
import { useT } from './i18n'
import type { SharedProps } from './types'

/** 403/404/500 in the app's style: inside the shell when signed in, a card otherwise. */
export function ErrorPage({
  status,
  titleKey,
  messageKey,
  values,
}: {
  status: number
  titleKey: string
  messageKey: string
  values?: Record<string, unknown>
}) {
  const { t } = useT()
  const { shell } = usePage<SharedProps>().props
  const body = (
    <Stack align="center" ta="center" gap="sm" py="xl">
      <Head title={t(titleKey)} />
      <Text fz={64} fw={800} c="indigo.2" lh={1}>
        {status}
      </Text>
      <Title order={2}>{t(titleKey)}</Title>
      <Text c="dimmed" maw={460}>
        {t(messageKey, values)}
      </Text>
      <Button component={Link} href="/" variant="light" mt="sm">
        {t('errors.back_home')}
      </Button>
    </Stack>
  )
  return shell?.user ? <AppLayout>{body}</AppLayout> : <GuestLayout>{body}</GuestLayout>
}

/** Error pages render their own layout (signed in or not). */
export const bareLayout = (page: React.ReactNode) => page
