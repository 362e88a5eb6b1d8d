import { Head, useForm } from '@inertiajs/react'
import {
  ActionIcon,
  Button,
  Grid,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { ErrorSummary, FormFooter, PageHeader, useT } from '~/ui'
import type {
  AssignmentFormOptions,
  AssignmentOption,
  AssignmentRuleValues,
} from '../../dto/assignment'
import { formatRanges, parseRanges } from './ranges'

const STRATEGIES = ['round_robin', 'least_loaded', 'weighted', 'territory', 'fixed']

interface MemberRow {
  userId: string | null
  weight: number
  capacity: number | string
  provinces: string[]
  postcodes: string
}

/** Keeps values a list no longer offers visible (a rule may hold a since-removed code). */
const withValues = (data: AssignmentOption[], values: string[]) => [
  ...data,
  ...values.filter((v) => !data.some((o) => o.value === v)).map((v) => ({ value: v, label: v })),
]

/** One assignment rule: name, conditions, strategy and members (weight, capacity, territory). */
export default function AssignmentRuleForm({
  rule,
  options,
}: {
  rule: AssignmentRuleValues | null
  options: AssignmentFormOptions
}) {
  const { t } = useT()
  const c = rule?.conditions
  const form = useForm({
    name: rule?.name ?? '',
    active: rule?.active ?? true,
    strategy: rule?.strategy ?? 'round_robin',
    fixedUserId: rule?.fixedUserId ? String(rule.fixedUserId) : (null as string | null),
    teamId: rule?.teamId ? String(rule.teamId) : (null as string | null),
    sources: c?.sources ?? [],
    provinces: c?.provinces ?? [],
    postcodes: formatRanges(c?.postcodes ?? []),
    sectors: c?.sectors ?? [],
    sizes: c?.sizes ?? [],
    productInterests: c?.productInterests ?? [],
    languages: c?.languages ?? [],
    members: (rule?.members ?? []).map((m): MemberRow => ({
      userId: String(m.userId),
      weight: m.weight,
      capacity: m.capacity ?? '',
      provinces: m.territory.provinces,
      postcodes: formatRanges(m.territory.postcodes),
    })),
  })
  const d = form.data
  const errors = form.errors as Record<string, string | undefined>
  const errorUnder = (prefix: string) =>
    Object.entries(errors).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1]
  const submit = () => {
    form.transform((data) => ({
      name: data.name,
      active: data.active,
      strategy: data.strategy,
      fixedUserId: data.fixedUserId ? Number(data.fixedUserId) : null,
      teamId: data.teamId ? Number(data.teamId) : null,
      conditions: {
        sources: data.sources,
        provinces: data.provinces,
        postcodes: parseRanges(data.postcodes),
        sectors: data.sectors,
        sizes: data.sizes,
        productInterests: data.productInterests,
        languages: data.languages,
      },
      members:
        data.strategy === 'fixed'
          ? []
          : data.members
              .filter((m) => m.userId)
              .map((m) => ({
                userId: Number(m.userId),
                weight: Number(m.weight) || 1,
                capacity: m.capacity === '' ? null : Number(m.capacity),
                territory: { provinces: m.provinces, postcodes: parseRanges(m.postcodes) },
              })),
    }))
    if (rule?.id) form.put(`/crm/assignment/rules/${rule.id}`)
    else form.post('/crm/assignment/rules')
  }
  const setMember = (i: number, patch: Partial<MemberRow>) =>
    form.setData(
      'members',
      d.members.map((m, k) => (k === i ? { ...m, ...patch } : m))
    )
  const list = (
    key: 'sources' | 'sectors' | 'sizes' | 'productInterests' | 'languages',
    label: string,
    data: AssignmentOption[]
  ) => (
    <MultiSelect
      label={t(`crm.assignment.fields.${label}`)}
      placeholder={t('crm.assignment.any')}
      data={withValues(data, d[key])}
      value={d[key]}
      onChange={(v) => form.setData(key, v)}
      error={errorUnder(`conditions.${key}`)}
      searchable
      clearable
    />
  )
  const title = rule ? t('crm.assignment.edit') : t('crm.assignment.new')
  return (
    <>
      <Head title={title} />
      <PageHeader
        title={rule?.name || title}
        crumbs={[
          { label: t('crm.assignment.title'), href: '/crm/assignment/rules' },
          { label: title },
        ]}
      />
      <form
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
        noValidate
      >
        <ErrorSummary errors={form.errors} />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Paper withBorder radius="md" p="md">
              <Stack gap="sm">
                <TextInput
                  label={t('crm.assignment.fields.name')}
                  value={d.name}
                  onChange={(e) => form.setData('name', e.currentTarget.value)}
                  error={errors.name}
                  required
                />
                <Switch
                  label={t('crm.assignment.fields.active')}
                  checked={d.active}
                  onChange={(e) => form.setData('active', e.currentTarget.checked)}
                />
                <Select
                  label={t('crm.assignment.fields.strategy')}
                  data={STRATEGIES.map((s) => ({
                    value: s,
                    label: t(`crm.assignment.strategies.${s}`),
                  }))}
                  value={d.strategy}
                  onChange={(v) => form.setData('strategy', v ?? 'round_robin')}
                  allowDeselect={false}
                  error={errors.strategy}
                />
                {d.strategy === 'fixed' && (
                  <Select
                    label={t('crm.assignment.fields.fixed_user')}
                    data={options.users}
                    value={d.fixedUserId}
                    onChange={(v) => form.setData('fixedUserId', v)}
                    error={errors.fixedUserId}
                    searchable
                    required
                  />
                )}
                <Select
                  label={t('crm.assignment.fields.team')}
                  description={t('crm.assignment.fields.team_help')}
                  data={options.teams}
                  value={d.teamId}
                  onChange={(v) => form.setData('teamId', v)}
                  error={errors.teamId}
                  clearable
                />
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Paper withBorder radius="md" p="md">
              <Stack gap="sm">
                <Title order={4}>{t('crm.assignment.conditions')}</Title>
                <Text size="sm" c="dimmed">
                  {t('crm.assignment.conditions_help')}
                </Text>
                {list('sources', 'sources', options.sources)}
                <MultiSelect
                  label={t('crm.assignment.fields.provinces')}
                  placeholder={t('crm.assignment.any')}
                  data={options.provinces}
                  value={d.provinces}
                  onChange={(v) => form.setData('provinces', v)}
                  error={errorUnder('conditions.provinces')}
                  searchable
                  clearable
                />
                <TextInput
                  label={t('crm.assignment.fields.postcodes')}
                  placeholder={t('crm.assignment.postcodes_placeholder')}
                  value={d.postcodes}
                  onChange={(e) => form.setData('postcodes', e.currentTarget.value)}
                  error={
                    errorUnder('conditions.postcodes') && t('crm.assignment.validator.postcode')
                  }
                />
                {list('sectors', 'sectors', options.sectors)}
                {list('sizes', 'sizes', options.sizes)}
                {list('productInterests', 'product_interests', options.productInterests)}
                {list('languages', 'languages', options.languages)}
              </Stack>
            </Paper>
          </Grid.Col>
          {d.strategy !== 'fixed' && (
            <Grid.Col span={12}>
              <Paper withBorder radius="md" p="md">
                <Stack gap="sm">
                  <Title order={4}>{t('crm.assignment.fields.members')}</Title>
                  <Text size="sm" c="dimmed">
                    {t('crm.assignment.fields.capacity_help')}
                  </Text>
                  {errorUnder('members') && (
                    <Text c="red" size="sm" role="alert">
                      {errorUnder('members')}
                    </Text>
                  )}
                  {d.members.map((m, i) => (
                    <Group key={i} align="flex-end" gap="sm" data-testid="assignment-member">
                      <Select
                        label={t('crm.assignment.fields.user')}
                        data={options.users}
                        value={m.userId}
                        onChange={(v) => setMember(i, { userId: v })}
                        searchable
                        w={220}
                      />
                      {d.strategy === 'weighted' && (
                        <NumberInput
                          label={t('crm.assignment.fields.weight')}
                          value={m.weight}
                          min={1}
                          max={100}
                          onChange={(v) => setMember(i, { weight: Number(v) || 1 })}
                          w={90}
                        />
                      )}
                      <NumberInput
                        label={t('crm.assignment.fields.capacity')}
                        value={m.capacity}
                        min={0}
                        onChange={(v) => setMember(i, { capacity: v })}
                        w={120}
                      />
                      {d.strategy === 'territory' && (
                        <>
                          <MultiSelect
                            label={t('crm.assignment.fields.territory')}
                            data={options.provinces}
                            value={m.provinces}
                            onChange={(v) => setMember(i, { provinces: v })}
                            searchable
                            w={260}
                          />
                          <TextInput
                            label={t('crm.assignment.fields.territory_postcodes')}
                            placeholder={t('crm.assignment.postcodes_placeholder')}
                            value={m.postcodes}
                            onChange={(e) => setMember(i, { postcodes: e.currentTarget.value })}
                            w={220}
                          />
                        </>
                      )}
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        mb={4}
                        aria-label={t('crm.assignment.remove_member', {
                          name: options.users.find((u) => u.value === m.userId)?.label ?? i + 1,
                        })}
                        onClick={() =>
                          form.setData(
                            'members',
                            d.members.filter((_, k) => k !== i)
                          )
                        }
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  ))}
                  <Button
                    w="fit-content"
                    variant="default"
                    leftSection={<IconPlus size={16} />}
                    onClick={() =>
                      form.setData('members', [
                        ...d.members,
                        { userId: null, weight: 1, capacity: '', provinces: [], postcodes: '' },
                      ])
                    }
                  >
                    {t('crm.assignment.add_member')}
                  </Button>
                </Stack>
              </Paper>
            </Grid.Col>
          )}
        </Grid>
        <FormFooter cancelHref="/crm/assignment/rules" processing={form.processing} />
      </form>
    </>
  )
}
