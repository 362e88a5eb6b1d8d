import { Head, Link, useForm } from '@inertiajs/react'
import { Alert, Anchor, Button, PasswordInput, Stack, Title } from '@mantine/core'
import { ErrorSummary, guestLayout, useT } from '~/ui'

export default function ResetPassword({ token, valid }: { token: string; valid: boolean }) {
  const { t } = useT()
  const form = useForm({ token, password: '', password_confirmation: '' })
  return (
    <>
      <Head title={t('auth.reset.new_title')} />
      <Stack gap="md">
        <Title order={3}>{t('auth.reset.new_title')}</Title>
        {!valid ? (
          <>
            <Alert color="red" variant="light">
              {t('auth.reset.invalid_token')}
            </Alert>
            <Anchor component={Link} href="/password/forgot" size="sm">
              {t('auth.reset.request_again')}
            </Anchor>
          </>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault()
              form.post('/password/reset')
            }}
            noValidate
          >
            <Stack gap="md">
              <ErrorSummary errors={form.errors} />
              <PasswordInput
                label={t('auth.fields.new_password')}
                description={t('auth.reset.rules')}
                autoComplete="new-password"
                required
                autoFocus
                value={form.data.password}
                onChange={(e) => form.setData('password', e.currentTarget.value)}
                error={form.errors.password}
              />
              <PasswordInput
                label={t('auth.fields.password_confirmation')}
                autoComplete="new-password"
                required
                value={form.data.password_confirmation}
                onChange={(e) => form.setData('password_confirmation', e.currentTarget.value)}
                error={form.errors.password_confirmation}
              />
              <Button type="submit" loading={form.processing} fullWidth>
                {t('auth.reset.save')}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </>
  )
}

ResetPassword.layout = guestLayout
