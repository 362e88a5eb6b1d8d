import { Head, router, useForm, usePage } from '@inertiajs/react'
import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  MultiSelect,
  Paper,
  PasswordInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconMail, IconUserCheck, IconUserOff } from '@tabler/icons-react'
import {
  AbsencesPanel,
  ConfirmButton,
  ErrorSummary,
  FormFooter,
  PageHeader,
  useFormat,
  useT,
  type SharedProps,
  fieldError,
} from '~/ui'

interface UserValues {
  id: number
  fullName: string
  email: string
  locale: 'es' | 'en'
  timezone: string
  roleIds: number[]
  reportsToId: number | null
  isActive: boolean
  lastLoginAt: string | null
}

interface Props {
  user: UserValues | null
  options: {
    roles: { value: string; label: string; isAdmin: boolean }[]
    managers: { value: string; label: string; isActive: boolean }[]
    timezones: string[]
  }
}

export default function UserForm({ user, options }: Props) {
  const { t } = useT()
  const f = useFormat()
  const { shell } = usePage<SharedProps>().props
  const editing = user !== null
  const form = useForm({
    fullName: user?.fullName ?? '',
    email: user?.email ?? '',
    locale: user?.locale ?? 'es',
    timezone: user?.timezone ?? 'Europe/Madrid',
    roleIds: (user?.roleIds ?? []).map(String),
    reportsToId: user?.reportsToId ? String(user.reportsToId) : (null as string | null),
    isActive: user?.isActive ?? true,
    passwordMode: 'set' as 'set' | 'email',
    password: '',
  })
  const errors = form.errors as Record<string, string | undefined>
  const title = editing ? t('admin.users.edit_title') : t('admin.users.create_title')

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    form.transform((data) => ({
      fullName: data.fullName,
      email: data.email,
      locale: data.locale,
      timezone: data.timezone,
      roleIds: data.roleIds.map(Number),
      reportsToId: data.reportsToId ? Number(data.reportsToId) : null,
      ...(editing
        ? { password: data.password || null }
        : {
            isActive: data.isActive,
            passwordMode: data.passwordMode,
            password: data.passwordMode === 'set' ? data.password : null,
          }),
    }))
    if (editing) form.put(`/admin/users/${user.id}`, { preserveScroll: true })
    else form.post('/admin/users', { preserveScroll: true })
  }

  const adminRoles = new Set(options.roles.filter((r) => r.isAdmin).map((r) => r.value))
  const managers = options.managers.map((m) => ({
    value: m.value,
    label: m.isActive ? m.label : `${m.label} ${t('admin.users.inactive_suffix')}`,
  }))
  const isSelf = editing && shell.user?.id === user.id

  return (
    <>
      <Head title={title} />
      <PageHeader
        title={editing ? user.fullName : title}
        subtitle={editing ? user.email : undefined}
        crumbs={[{ label: t('admin.users.title'), href: '/admin/users' }, { label: title }]}
      />
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} mb="md" />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Paper withBorder radius="md" p="md">
              <Stack gap="sm">
                <Title order={4}>{t('admin.users.sections.profile')}</Title>
                <TextInput
                  label={t('admin.users.fields.full_name')}
                  value={form.data.fullName}
                  onChange={(e) => form.setData('fullName', e.currentTarget.value)}
                  error={errors.fullName}
                  required
                  autoComplete="off"
                />
                <TextInput
                  label={t('admin.users.fields.email')}
                  type="email"
                  value={form.data.email}
                  onChange={(e) => form.setData('email', e.currentTarget.value)}
                  error={errors.email}
                  required
                  autoComplete="off"
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <Select
                    label={t('admin.users.fields.locale')}
                    data={[
                      { value: 'es', label: 'Español' },
                      { value: 'en', label: 'English' },
                    ]}
                    value={form.data.locale}
                    onChange={(v) => v && form.setData('locale', v as 'es' | 'en')}
                    error={errors.locale}
                    allowDeselect={false}
                  />
                  <Select
                    label={t('admin.users.fields.timezone')}
                    data={options.timezones}
                    searchable
                    value={form.data.timezone}
                    onChange={(v) => v && form.setData('timezone', v)}
                    error={errors.timezone}
                    allowDeselect={false}
                  />
                </SimpleGrid>
              </Stack>
            </Paper>
            <Paper withBorder radius="md" p="md" mt="md">
              <Stack gap="sm">
                <Title order={4}>{t('admin.users.sections.access')}</Title>
                <MultiSelect
                  label={t('admin.users.fields.roles')}
                  description={t('admin.users.roles_help')}
                  data={options.roles.map((r) => ({ value: r.value, label: r.label }))}
                  renderOption={({ option }) => (
                    <Group gap="xs" wrap="nowrap">
                      <span>{option.label}</span>
                      {adminRoles.has(option.value) && (
                        <Badge size="xs" color="grape" variant="light" tt="none">
                          {t('admin.users.admin_badge')}
                        </Badge>
                      )}
                    </Group>
                  )}
                  value={form.data.roleIds}
                  onChange={(v) => form.setData('roleIds', v)}
                  error={fieldError(errors, 'roleIds')}
                  searchable
                  clearable
                />
                <Select
                  label={t('admin.users.fields.reports_to')}
                  placeholder={t('admin.users.no_manager')}
                  data={managers}
                  value={form.data.reportsToId}
                  onChange={(v) => form.setData('reportsToId', v)}
                  error={errors.reportsToId}
                  searchable
                  clearable
                />
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper withBorder radius="md" p="md">
              <Stack gap="sm">
                <Title order={4}>{t('admin.users.sections.password')}</Title>
                {editing ? (
                  <PasswordInput
                    label={t('admin.users.fields.new_password')}
                    description={t('admin.users.new_password_help')}
                    autoComplete="new-password"
                    value={form.data.password}
                    onChange={(e) => form.setData('password', e.currentTarget.value)}
                    error={errors.password}
                  />
                ) : (
                  <>
                    <Radio.Group
                      label={t('admin.users.fields.password_mode')}
                      value={form.data.passwordMode}
                      onChange={(v) => form.setData('passwordMode', v as 'set' | 'email')}
                      error={errors.passwordMode}
                    >
                      <Stack gap={6} mt={6}>
                        <Radio value="set" label={t('admin.users.password_modes.set')} />
                        <Radio value="email" label={t('admin.users.password_modes.email')} />
                      </Stack>
                    </Radio.Group>
                    {form.data.passwordMode === 'set' && (
                      <PasswordInput
                        label={t('admin.users.fields.password')}
                        description={t('admin.users.password_help')}
                        autoComplete="new-password"
                        value={form.data.password}
                        onChange={(e) => form.setData('password', e.currentTarget.value)}
                        error={errors.password}
                        required
                      />
                    )}
                  </>
                )}
              </Stack>
            </Paper>
            <Paper withBorder radius="md" p="md" mt="md">
              <Stack gap="sm">
                <Title order={4}>{t('admin.users.sections.status')}</Title>
                {editing ? (
                  <UserStatus
                    user={user}
                    isSelf={isSelf}
                    lastLogin={
                      user.lastLoginAt
                        ? t('admin.users.last_login', { date: f.dateTime(user.lastLoginAt) })
                        : t('admin.users.never_logged_in')
                    }
                  />
                ) : (
                  <Switch
                    label={t('admin.users.fields.is_active')}
                    description={t('admin.users.active_help')}
                    checked={form.data.isActive}
                    onChange={(e) => form.setData('isActive', e.currentTarget.checked)}
                  />
                )}
              </Stack>
            </Paper>
          </Grid.Col>
        </Grid>
        <FormFooter cancelHref="/admin/users" processing={form.processing} />
      </form>
      {editing && (
        <Grid mt="md">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <AbsencesPanel url={`/admin/users/${user.id}/absences`} />
          </Grid.Col>
        </Grid>
      )}
    </>
  )
}

/** Status, last sign-in and the actions that change them (outside the main form). */
function UserStatus({
  user,
  isSelf,
  lastLogin,
}: {
  user: UserValues
  isSelf: boolean
  lastLogin: string
}) {
  const { t } = useT()
  const post = (action: string) =>
    router.post(`/admin/users/${user.id}/${action}`, {}, { preserveScroll: true })
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Badge variant="dot" color={user.isActive ? 'teal' : 'gray'} tt="none" size="lg">
          {t(`admin.users.status.${user.isActive ? 'active' : 'inactive'}`)}
        </Badge>
        {isSelf && (
          <Text size="sm" c="dimmed">
            ({t('admin.users.you')})
          </Text>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {lastLogin}
      </Text>
      {user.isActive ? (
        <Group gap="xs">
          {!isSelf && (
            <ConfirmButton
              label={t('admin.users.deactivate')}
              leftSection={<IconUserOff size={16} />}
              title={t('admin.users.deactivate_title')}
              message={t('admin.users.deactivate_message', { name: user.fullName })}
              confirmLabel={t('admin.users.deactivate')}
              onConfirm={() => post('deactivate')}
            />
          )}
          <Button
            variant="light"
            leftSection={<IconMail size={16} />}
            onClick={() => post('password-reset')}
          >
            {t('admin.users.send_reset')}
          </Button>
        </Group>
      ) : (
        <>
          <Alert color="gray" variant="light" p="xs">
            <Text size="sm">{t('admin.users.active_help')}</Text>
          </Alert>
          <Button
            variant="light"
            color="teal"
            leftSection={<IconUserCheck size={16} />}
            onClick={() => post('activate')}
            w="fit-content"
          >
            {t('admin.users.activate')}
          </Button>
        </>
      )}
    </Stack>
  )
}
