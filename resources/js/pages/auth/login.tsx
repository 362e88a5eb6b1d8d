import { Head, Link, useForm } from '@inertiajs/react'
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  PasswordInput,
  Stack,
  TextInput,
  Title,
} from '@mantine/core'
import { ErrorSummary, guestLayout, useT } from '~/ui'

export default function Login() {
  const { t } = useT()
  // A refused sign-in comes back as errors.login (shown here, once); other messages (session
  // expired, too many attempts) come as flash.error and the guest layout shows them.
  const form = useForm({ email: '', password: '', remember: false })
  const { login: loginError, ...fieldErrors } = form.errors as Record<string, string | undefined>
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    form.post('/login', { onFinish: () => form.reset('password') })
  }
  return (
    <>
      <Head title={t('auth.login.title')} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={3}>{t('auth.login.title')}</Title>
          {loginError && (
            <Alert color="red" variant="light" data-testid="login-error">
              {loginError}
            </Alert>
          )}
          <ErrorSummary errors={fieldErrors} />
          <TextInput
            label={t('auth.fields.email')}
            name="email"
            type="email"
            autoComplete="username"
            required
            value={form.data.email}
            onChange={(e) => form.setData('email', e.currentTarget.value)}
            error={form.errors.email}
            autoFocus
          />
          <PasswordInput
            label={t('auth.fields.password')}
            name="password"
            autoComplete="current-password"
            required
            value={form.data.password}
            onChange={(e) => form.setData('password', e.currentTarget.value)}
            error={form.errors.password}
          />
          <Group justify="space-between">
            <Checkbox
              label={t('auth.login.remember')}
              checked={form.data.remember}
              onChange={(e) => form.setData('remember', e.currentTarget.checked)}
            />
            <Anchor component={Link} href="/password/forgot" size="sm">
              {t('auth.login.forgot')}
            </Anchor>
          </Group>
          <Button type="submit" loading={form.processing} fullWidth>
            {t('auth.login.submit')}
          </Button>
        </Stack>
      </form>
    </>
  )
}

Login.layout = guestLayout
