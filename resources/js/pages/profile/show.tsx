import { useState } from 'react'
import { Head, router, useForm } from '@inertiajs/react'
import {
  Grid,
  Paper,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { AbsencesPanel, ConfirmButton, ErrorSummary, FormFooter, PageHeader, useT } from '~/ui'

type EmailMode = 'off' | 'immediate' | 'digest'

interface Props {
  profile: { fullName: string; email: string; locale: 'es' | 'en'; timezone: string }
  timezones: string[]
  notifications: { kind: string; label: string; email: EmailMode; defaultEmail: EmailMode }[]
}

export default function Profile({ profile, timezones, notifications }: Props) {
  const { t } = useT()
  const prefs = useForm({
    fullName: profile.fullName,
    locale: profile.locale,
    timezone: profile.timezone,
  })
  const pwd = useForm({ currentPassword: '', password: '', password_confirmation: '' })
  const [signingOut, setSigningOut] = useState(false)
  const signOutEverywhere = () =>
    router.post(
      '/profile/sessions/revoke',
      {},
      {
        preserveScroll: true,
        onStart: () => setSigningOut(true),
        onFinish: () => setSigningOut(false),
      }
    )
  return (
    <>
      <Head title={t('profile.title')} />
      <PageHeader title={t('profile.title')} subtitle={profile.email} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder p="md" radius="md">
            <form
              onSubmit={(e) => {
                e.preventDefault()
                prefs.put('/profile', { preserveScroll: true })
              }}
              noValidate
            >
              <Stack gap="sm">
                <Title order={4}>{t('profile.preferences')}</Title>
                <ErrorSummary errors={prefs.errors} />
                <TextInput
                  label={t('profile.full_name')}
                  value={prefs.data.fullName}
                  onChange={(e) => prefs.setData('fullName', e.currentTarget.value)}
                  error={prefs.errors.fullName}
                  required
                />
                <Select
                  label={t('common.language')}
                  data={[
                    { value: 'es', label: 'Español' },
                    { value: 'en', label: 'English' },
                  ]}
                  value={prefs.data.locale}
                  onChange={(v) => v && prefs.setData('locale', v as 'es' | 'en')}
                  error={prefs.errors.locale}
                  allowDeselect={false}
                />
                <Select
                  label={t('profile.timezone')}
                  data={timezones}
                  searchable
                  value={prefs.data.timezone}
                  onChange={(v) => v && prefs.setData('timezone', v)}
                  error={prefs.errors.timezone}
                  allowDeselect={false}
                />
                <FormFooter processing={prefs.processing} mt={0} />
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder p="md" radius="md">
            <form
              onSubmit={(e) => {
                e.preventDefault()
                pwd.put('/profile/password', { preserveScroll: true, onSuccess: () => pwd.reset() })
              }}
              noValidate
            >
              <Stack gap="sm">
                <Title order={4}>{t('profile.change_password')}</Title>
                <ErrorSummary errors={pwd.errors} />
                <PasswordInput
                  label={t('profile.current_password')}
                  autoComplete="current-password"
                  value={pwd.data.currentPassword}
                  onChange={(e) => pwd.setData('currentPassword', e.currentTarget.value)}
                  error={pwd.errors.currentPassword}
                />
                <PasswordInput
                  label={t('auth.fields.new_password')}
                  description={t('auth.reset.rules')}
                  autoComplete="new-password"
                  value={pwd.data.password}
                  onChange={(e) => pwd.setData('password', e.currentTarget.value)}
                  error={pwd.errors.password}
                />
                <PasswordInput
                  label={t('auth.fields.password_confirmation')}
                  autoComplete="new-password"
                  value={pwd.data.password_confirmation}
                  onChange={(e) => pwd.setData('password_confirmation', e.currentTarget.value)}
                  error={pwd.errors.password_confirmation}
                />
                <FormFooter
                  processing={pwd.processing}
                  submitLabel={t('profile.change_password')}
                  mt={0}
                />
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder p="md" radius="md">
            <Stack gap="sm">
              <Title order={4}>{t('profile.sessions')}</Title>
              <Text size="sm" c="dimmed">
                {t('profile.sessions_help')}
              </Text>
              <ConfirmButton
                w="fit-content"
                label={t('profile.sign_out_everywhere')}
                title={t('profile.sessions')}
                message={t('profile.sign_out_everywhere_confirm')}
                confirmLabel={t('profile.sign_out_everywhere')}
                loading={signingOut}
                onConfirm={signOutEverywhere}
                data-testid="sign-out-everywhere"
              />
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <NotificationPreferences kinds={notifications} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <AbsencesPanel url="/profile/absences" />
        </Grid.Col>
      </Grid>
    </>
  )
}

/** E-mail per notification kind; in-app notifications are always on. */
function NotificationPreferences({ kinds }: { kinds: Props['notifications'] }) {
  const { t } = useT()
  const form = useForm({
    preferences: Object.fromEntries(kinds.map((k) => [k.kind, k.email])) as Record<
      string,
      EmailMode
    >,
  })
  const modes: EmailMode[] = ['off', 'immediate', 'digest']
  return (
    <Paper withBorder p="md" radius="md" id="notifications">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          form.put('/profile/notifications', { preserveScroll: true })
        }}
        noValidate
      >
        <Stack gap="sm">
          <Title order={4}>{t('notifications.preferences.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('notifications.preferences.help')}
          </Text>
          {kinds.length === 0 && <Text size="sm">{t('notifications.preferences.none')}</Text>}
          {kinds.map((k) => (
            <Stack key={k.kind} gap={4} data-testid={`notification-pref-${k.kind}`}>
              <Text size="sm" fw={500} id={`pref-${k.kind}`}>
                {k.label}
              </Text>
              <SegmentedControl
                aria-labelledby={`pref-${k.kind}`}
                size="xs"
                fullWidth
                value={form.data.preferences[k.kind]}
                onChange={(v) =>
                  form.setData('preferences', {
                    ...form.data.preferences,
                    [k.kind]: v as EmailMode,
                  })
                }
                data={modes.map((m) => ({
                  value: m,
                  label: t(`notifications.email.${m}`),
                }))}
              />
            </Stack>
          ))}
          <FormFooter
            processing={form.processing}
            submitLabel={t('notifications.preferences.save')}
            mt={0}
          />
        </Stack>
      </form>
    </Paper>
  )
}
