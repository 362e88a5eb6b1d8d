import { Head, router, useForm } from '@inertiajs/react'
import { Group, MultiSelect, Paper, Select, Stack, TextInput } from '@mantine/core'
import {
  ConfirmButton,
  ErrorSummary,
  FormFooter,
  PageHeader,
  hasTranslation,
  useT,
  fieldError,
} from '~/ui'

interface TeamValues {
  id: number
  name: string
  leaderId: number | null
  memberIds: number[]
  monthlyTarget: string
  currency: string
}

interface Props {
  team: TeamValues | null
  users: { value: string; label: string; isActive: boolean }[]
  /** Codes the server accepts (two-decimal currencies). */
  currencies: string[]
  defaultCurrency: string
}

export default function TeamForm({ team, users, currencies, defaultCurrency }: Props) {
  const { t, locale } = useT()
  const editing = team !== null
  const form = useForm({
    name: team?.name ?? '',
    leaderId: team?.leaderId ? String(team.leaderId) : (null as string | null),
    memberIds: (team?.memberIds ?? []).map(String),
    // Kept as the typed text: the server parses it into céntimos, never through a float.
    monthlyTarget: team?.monthlyTarget ?? '',
    currency: team?.currency ?? defaultCurrency,
  })
  const errors = form.errors as Record<string, string | undefined>
  const title = editing ? t('admin.teams.edit_title') : t('admin.teams.create_title')
  const options = users.map((u) => ({
    value: u.value,
    label: u.isActive ? u.label : `${u.label} ${t('admin.teams.inactive_suffix')}`,
  }))
  // A team saved before the list existed may hold another code: shown, so it can be changed.
  const currencyOptions = [...new Set([...currencies, form.data.currency])].map((code) => ({
    value: code,
    label: hasTranslation(locale, `admin.teams.currencies.${code}`)
      ? t(`admin.teams.currencies.${code}`)
      : code,
  }))

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    form.transform((data) => ({
      name: data.name,
      leaderId: data.leaderId ? Number(data.leaderId) : null,
      memberIds: data.memberIds.map(Number),
      monthlyTarget: data.monthlyTarget.trim() === '' ? '0' : data.monthlyTarget,
      currency: data.currency,
    }))
    if (editing) form.put(`/admin/teams/${team.id}`, { preserveScroll: true })
    else form.post('/admin/teams', { preserveScroll: true })
  }

  return (
    <>
      <Head title={title} />
      <PageHeader
        title={editing ? team.name : title}
        crumbs={[{ label: t('admin.teams.title'), href: '/admin/teams' }, { label: title }]}
        actions={
          editing && (
            <ConfirmButton
              label={t('admin.teams.delete')}
              title={t('admin.teams.delete_title')}
              message={t('admin.teams.delete_message', { name: team.name })}
              onConfirm={() => router.delete(`/admin/teams/${team.id}`)}
            />
          )
        }
      />
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} mb="md" />
        <Paper withBorder radius="md" p="md">
          <Stack gap="sm" maw={640}>
            <TextInput
              label={t('admin.teams.fields.name')}
              value={form.data.name}
              onChange={(e) => form.setData('name', e.currentTarget.value)}
              error={errors.name}
              required
            />
            <Select
              label={t('admin.teams.fields.leader')}
              placeholder={t('admin.teams.no_leader')}
              data={options}
              value={form.data.leaderId}
              onChange={(v) => form.setData('leaderId', v)}
              error={errors.leaderId}
              searchable
              clearable
            />
            <MultiSelect
              label={t('admin.teams.fields.members')}
              data={options}
              value={form.data.memberIds}
              onChange={(v) => form.setData('memberIds', v)}
              error={fieldError(errors, 'memberIds')}
              searchable
              clearable
            />
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label={t('admin.teams.fields.monthly_target')}
                description={t('admin.teams.fields.monthly_target_help')}
                inputMode="decimal"
                value={form.data.monthlyTarget}
                onChange={(e) => form.setData('monthlyTarget', e.currentTarget.value)}
                error={errors.monthlyTarget}
                placeholder="60.000,00"
                style={{ flex: '1 1 220px' }}
              />
              <Select
                label={t('admin.teams.fields.currency')}
                data={currencyOptions}
                value={form.data.currency}
                onChange={(v) => v && form.setData('currency', v)}
                error={errors.currency}
                allowDeselect={false}
                searchable
                style={{ flex: '1 1 220px' }}
              />
            </Group>
          </Stack>
        </Paper>
        <FormFooter cancelHref="/admin/teams" processing={form.processing} />
      </form>
    </>
  )
}
