import { Head, useForm } from '@inertiajs/react'
import { Alert, Paper, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { ErrorSummary, FormFooter, PageHeader, useT } from '~/ui'
import { PermissionMatrix, type CatalogModule, type MatrixValue } from './matrix'
import { DeleteRoleButton, useHoldersText } from './delete_role'

interface RoleValues {
  id: number
  name: string
  description: string | null
  isAdmin: boolean
  permissions: string[]
  scopes: Record<string, string>
  users: number
  holders: string[]
}

export default function RoleForm({
  role,
  catalog,
  scopes,
}: {
  role: RoleValues | null
  catalog: CatalogModule[]
  scopes: string[]
}) {
  const { t } = useT()
  const editing = role !== null
  const holders = useHoldersText()
  const resources = catalog.flatMap((m) => m.resources.map((r) => r.key))
  const form = useForm({
    name: role?.name ?? '',
    description: role?.description ?? '',
    isAdmin: role?.isAdmin ?? false,
    permissions: role?.permissions ?? [],
    // Every resource gets a scope; "own" (the narrowest) unless the role says otherwise.
    scopes: Object.fromEntries(resources.map((r) => [r, role?.scopes[r] ?? 'own'])) as Record<
      string,
      string
    >,
  })
  const errors = form.errors as Record<string, string | undefined>
  const matrixErrors = Object.keys(errors).some(
    (k) => k.startsWith('permissions') || k.startsWith('scopes')
  )
  const title = editing ? t('admin.roles.edit_title') : t('admin.roles.create_title')

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    form.transform((data) => ({
      name: data.name,
      description: data.description || null,
      isAdmin: data.isAdmin,
      permissions: data.permissions,
      scopes: Object.entries(data.scopes).map(([resource, scope]) => ({ resource, scope })),
    }))
    if (editing) form.put(`/admin/roles/${role.id}`, { preserveScroll: true })
    else form.post('/admin/roles', { preserveScroll: true })
  }
  const setMatrix = (value: MatrixValue) => {
    form.setData((data) => ({ ...data, permissions: value.permissions, scopes: value.scopes }))
  }

  return (
    <>
      <Head title={title} />
      <PageHeader
        title={editing ? role.name : title}
        subtitle={editing ? t('admin.roles.users_count', { count: role.users }) : undefined}
        crumbs={[{ label: t('admin.roles.title'), href: '/admin/roles' }, { label: title }]}
        actions={editing && <DeleteRoleButton role={role} label={t('admin.roles.delete')} />}
      />
      {editing && role.users > 0 && (
        <Alert color="gray" variant="light" mb="md" data-testid="role-holders">
          {t('admin.roles.held_by', { count: role.users, names: holders(role) })}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorSummary
            errors={errors}
            labels={{
              permissions: t('admin.roles.matrix.title'),
              scopes: t('admin.roles.matrix.title'),
            }}
          />
          <Paper withBorder radius="md" p="md">
            <Stack gap="sm" maw={640}>
              <TextInput
                label={t('admin.roles.fields.name')}
                value={form.data.name}
                onChange={(e) => form.setData('name', e.currentTarget.value)}
                error={errors.name}
                required
              />
              <Textarea
                label={t('admin.roles.fields.description')}
                autosize
                minRows={2}
                value={form.data.description}
                onChange={(e) => form.setData('description', e.currentTarget.value)}
                error={errors.description}
              />
              <Switch
                label={t('admin.roles.fields.is_admin')}
                description={t('admin.roles.fields.is_admin_help')}
                checked={form.data.isAdmin}
                onChange={(e) => form.setData('isAdmin', e.currentTarget.checked)}
                color="grape"
              />
            </Stack>
          </Paper>
          <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
            <Stack gap="sm">
              <div>
                <Title order={4}>{t('admin.roles.matrix.title')}</Title>
                <Text size="sm" c="dimmed">
                  {t('admin.roles.matrix.help')}
                </Text>
              </div>
              {form.data.isAdmin && (
                <Alert color="grape" variant="light">
                  {t('admin.roles.matrix.admin_note')}
                </Alert>
              )}
              {matrixErrors && (
                <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
                  {t('admin.roles.invalid_permissions')}
                </Alert>
              )}
              <PermissionMatrix
                catalog={catalog}
                scopes={scopes}
                value={{ permissions: form.data.permissions, scopes: form.data.scopes }}
                onChange={setMatrix}
                disabled={form.data.isAdmin}
              />
            </Stack>
          </Paper>
        </Stack>
        <FormFooter cancelHref="/admin/roles" processing={form.processing} />
      </form>
    </>
  )
}
