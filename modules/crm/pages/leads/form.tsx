import { Head, useForm } from '@inertiajs/react'
import { Grid, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core'
import { ErrorSummary, FormFooter, PageHeader, useT, type Option } from '~/ui'
import {
  CustomFieldsSection,
  type CustomFieldInput,
  type CustomFieldValue,
} from '~/ui/custom_fields'
import type { LeadCatalog, LeadDetail } from '../../dto/leads'

/** Create and edit a lead. An empty owner means "assign by the rules" (assignment engine). */
export default function LeadForm({
  lead,
  owners,
  teams,
  catalog,
  customFields = [],
  customValues = {},
}: {
  lead: LeadDetail | null
  owners: Option[]
  teams: Option[]
  catalog: LeadCatalog
  /** The organization's custom fields of leads and this lead's values (app/custom_fields). */
  customFields?: CustomFieldInput[]
  customValues?: Record<string, CustomFieldValue>
}) {
  const { t } = useT()
  const s = (v: string | number | null | undefined) =>
    v === null || v === undefined ? '' : String(v)
  const form = useForm({
    title: s(lead?.title),
    firstName: s(lead?.firstName),
    lastName: s(lead?.lastName),
    companyName: s(lead?.companyName),
    nif: s(lead?.nif),
    email: s(lead?.email),
    phone: s(lead?.phone),
    website: s(lead?.website),
    province: s(lead?.province),
    postalCode: s(lead?.postalCode),
    country: s(lead?.country ?? 'ES'),
    sector: s(lead?.sector),
    companySize: s(lead?.companySize),
    productInterest: s(lead?.productInterest),
    language: s(lead?.language ?? 'es'),
    source: s(lead?.source),
    description: s(lead?.description),
    ownerId: s(lead?.ownerId),
    teamId: s(lead?.teamId),
    customFields: customValues,
  })
  const errors = form.errors as Record<string, string | undefined>
  const field = (name: string) => t(`crm.leads.fields.${name}`)
  const title = lead ? t('crm.leads.edit_title') : t('crm.leads.new')
  const back = lead ? `/crm/leads/${lead.id}` : '/crm/leads'
  const ownerOptions =
    lead?.ownerId && !owners.some((o) => o.value === String(lead.ownerId))
      ? [{ value: String(lead.ownerId), label: lead.ownerName ?? '—' }, ...owners]
      : owners
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    // Empty inputs are "not given"; owner and team are ids.
    form.transform((data: Record<string, unknown>) => {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(data)) if (v !== '') out[k] = v
      out.ownerId = data.ownerId ? Number(data.ownerId) : null
      out.teamId = data.teamId ? Number(data.teamId) : null
      return out
    })
    if (lead) form.put(`/crm/leads/${lead.id}`, { preserveScroll: 'errors' as const })
    else form.post('/crm/leads', { preserveScroll: 'errors' as const })
  }
  /** The form's own text fields (the custom fields have their section). */
  type Name = Exclude<keyof typeof form.data, 'customFields'>
  const text = (name: Name, span = 6, extra: Record<string, unknown> = {}) => (
    <Grid.Col span={{ base: 12, sm: span }}>
      <TextInput
        label={field(name)}
        value={form.data[name]}
        onChange={(e) => form.setData(name, e.currentTarget.value)}
        error={errors[name]}
        {...extra}
      />
    </Grid.Col>
  )
  const select = (
    name: Name,
    data: Option[] | string[],
    span = 6,
    extra: Record<string, unknown> = {}
  ) => (
    <Grid.Col span={{ base: 12, sm: span }}>
      <Select
        label={field(name)}
        searchable
        clearable
        value={form.data[name] || null}
        data={data}
        onChange={(v) => form.setData(name, (v ?? '') as string)}
        error={errors[name]}
        {...extra}
      />
    </Grid.Col>
  )

  return (
    <>
      <Head title={title} />
      <PageHeader
        title={title}
        crumbs={[
          { label: t('crm.leads.title'), href: '/crm/leads' },
          ...(lead ? [{ label: lead.title, href: back }] : []),
          { label: title },
        ]}
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorSummary errors={errors} labels={{}} />
          <Paper withBorder radius="md" p="md">
            <Title order={5} mb="sm">
              {t('crm.leads.sections.want')}
            </Title>
            <Grid gap="sm">
              {text('title', 12, { required: true, autoFocus: !lead })}
              {select('source', catalog.sources)}
              {select('productInterest', catalog.interests)}
              <Grid.Col span={12}>
                <Textarea
                  label={field('description')}
                  autosize
                  minRows={2}
                  maxRows={8}
                  value={form.data.description}
                  onChange={(e) => form.setData('description', e.currentTarget.value)}
                  error={errors.description}
                />
              </Grid.Col>
            </Grid>
          </Paper>
          <Paper withBorder radius="md" p="md">
            <Title order={5} mb="sm">
              {t('crm.leads.sections.person')}
            </Title>
            <Grid gap="sm">
              {text('firstName', 5)}
              {text('lastName', 7)}
              {text('email', 6, { type: 'email' })}
              {text('phone', 6, { type: 'tel' })}
              {text('companyName', 8)}
              {text('nif', 4)}
              {text('website', 6)}
              {select('province', catalog.provinces, 6)}
              {text('postalCode', 4)}
              {text('country', 2, { maxLength: 2 })}
            </Grid>
          </Paper>
          <Paper withBorder radius="md" p="md">
            <Title order={5} mb="sm">
              {t('crm.leads.sections.qualification')}
            </Title>
            <Grid gap="sm">
              {select('sector', catalog.sectors, 4)}
              {select('companySize', catalog.sizes, 4)}
              {select(
                'language',
                catalog.languages.map((l) => ({ value: l, label: t(`crm.leads.languages.${l}`) })),
                4
              )}
              {select('ownerId', ownerOptions, 6, {
                placeholder: t('crm.leads.auto_assign'),
                description: lead ? undefined : t('crm.leads.auto_assign'),
              })}
              {select('teamId', teams, 6)}
            </Grid>
          </Paper>
          <CustomFieldsSection
            fields={customFields}
            values={form.data.customFields}
            onChange={(v) => form.setData('customFields', v)}
            errors={errors}
          />
          <FormFooter cancelHref={back} processing={form.processing} mt={0} />
        </Stack>
      </form>
    </>
  )
}
