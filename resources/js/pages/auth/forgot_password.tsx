import { Head, Link, useForm } from '@inertiajs/react'
import { Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core'
import { ErrorSummary, guestLayout, useT } from '~/ui'

export default function ForgotPassword() {
  const { t } = useT()
  const form = useForm({ email: '' })
  return (
    <>
      <Head title={t('auth.reset.forgot_title')} />
      <form
        onSubmit={(e) => {
          e.preventDefault()
          form.post('/password/forgot')
        }}
        noValidate
      >
        <Stack gap="md">
          <Title order={3}>{t('auth.reset.forgot_title')}</Title>
          <Text size="sm" c="dimmed">
            {t('auth.reset.forgot_help')}
          </Text>
          <ErrorSummary errors={form.errors} />
          <TextInput
            label={t('auth.fields.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={form.data.email}
            onChange={(e) => form.setData('email', e.currentTarget.value)}
            error={form.errors.email}
          />
          <Button type="submit" loading={form.processing} fullWidth>
            {t('auth.reset.send')}
          </Button>
          <Anchor component={Link} href="/login" size="sm" ta="center">
            {t('auth.reset.back_to_login')}
          </Anchor>
        </Stack>
      </form>
    </>
  )
}

ForgotPassword.layout = guestLayout
