import { Head, useForm, usePage } from '@inertiajs/react'
import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import {
  AddressFields,
  ChannelSections,
  ErrorSummary,
  formatPhone,
  FormFooter,
  PageHeader,
  useT,
  type Option,
  type SharedProps,
} from '~/ui'
import {
  CustomFieldsSection,
  type CustomFieldInput,
  type CustomFieldValue,
} from '~/ui/custom_fields'
import type { Catalog } from '../../dto/shared'
import type {
  CompanyFormValues as CompanyValues,
  DuplicateName as Duplicate,
} from '../../dto/companies'
import { selectData } from '../shared/lists'
import { CompanyClassification } from '../shared/company_classification'

/**
 * Create and edit a company. Server validation errors show inline under each field; a name
 * another company has is a warning with a link to it and "Guardar de todos modos".
 */
export default function CompanyForm({
  company,
  duplicate,
  owners,
  canAssign,
  canUnassign,
  catalog,
  customFields = [],
  customValues = {},
}: {
  company: CompanyValues | null
  duplicate?: Duplicate
  owners: Option[]
  canAssign: boolean
  /** Whether the owner may be left empty ("Sin asignar"). */
  canUnassign?: boolean
  catalog: Catalog
  customFields?: CustomFieldInput[]
  customValues?: Record<string, CustomFieldValue>
}) {
  const { t } = useT()
  const me = usePage<SharedProps>().props.shell.user
  const form = useForm({
    name: company?.name ?? '',
    legalName: company?.legalName ?? '',
    // A new company is a prospect, unless the organization deactivated that type.
    type:
      company?.type ??
      catalog.types.find((o) => o.value === 'prospecto')?.value ??
      catalog.types[0]?.value ??
      '',
    nif: company?.nif ?? '',
    website: company?.website ?? '',
    industry: company?.industry ?? '',
    // New records belong to whoever creates them unless they pick someone else.
    ownerId: company?.ownerId ?? (me ? String(me.id) : ''),
    description: company?.description ?? '',
    industries: company?.industries ?? [],
    parentId: company?.parentId ?? '',
    zone: company?.zone ?? '',
    status: company?.status ?? (catalog.statuses.some((o) => o.value === 'activa') ? 'activa' : ''),
    size: company?.size ?? '',
    strengths: company?.strengths ?? '',
    weaknesses: company?.weaknesses ?? '',
    addresses: company?.addresses ?? [
      { kind: 'fiscal', street: '', postalCode: '', city: '', province: '', country: 'ES' },
    ],
    phones: (company?.phones ?? []).map((p) => ({ ...p, number: formatPhone(p.number) })),
    emails: company?.emails ?? [],
    customFields: customValues,
  })
  const errors = form.errors as Record<string, string | undefined>
  const field = (name: string) => t(`crm.companies.fields.${name}`)
  // A former owner who can no longer be assigned still shows as the current value.
  const ownerOptions =
    company?.ownerId && !owners.some((o) => o.value === company.ownerId)
      ? [{ value: company.ownerId, label: company.ownerName ?? '—' }, ...owners]
      : owners
  const title = company ? t('crm.companies.edit_title') : t('crm.companies.new')
  const back = company ? `/crm/companies/${company.id}` : '/crm/companies'

  const submit = (e?: React.FormEvent, confirmDuplicate = false) => {
    e?.preventDefault()
    const options = { preserveScroll: 'errors' as const }
    form.transform((data) => (confirmDuplicate ? { ...data, confirmDuplicate: true } : data))
    if (company) form.put(`/crm/companies/${company.id}`, options)
    else form.post('/crm/companies', options)
  }

  return (
    <>
      <Head title={title} />
      <PageHeader
        title={title}
        crumbs={[
          { label: t('crm.companies.title'), href: '/crm/companies' },
          ...(company ? [{ label: company.name, href: back }] : []),
          { label: title },
        ]}
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorSummary
            errors={errors}
            labels={{ phones: field('phones'), emails: field('emails') }}
          />
          <Paper withBorder radius="md" p="md">
            <Title order={5} mb="sm">
              {t('crm.sections.general')}
            </Title>
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 6 }}>
                {/* The first field, focused on a new company: no tabbing through the menu to reach it. */}
                <TextInput
                  label={field('name')}
                  required
                  value={form.data.name}
                  onChange={(e) => form.setData('name', e.currentTarget.value)}
                  error={errors.name}
                  autoFocus={!company}
                  data-testid="company-name"
                />
              </Grid.Col>
              {duplicate && errors.name && (
                <Grid.Col span={12}>
                  <Alert
                    color="yellow"
                    icon={<IconAlertTriangle size={18} />}
                    data-testid="duplicate-warning"
                  >
                    <Text size="sm">{t('crm.form.duplicate_hint')}</Text>
                    <Group gap="sm" mt="xs">
                      {'id' in duplicate && (
                        // A new tab: what was typed here stays.
                        <Anchor
                          href={`/crm/companies/${duplicate.id}`}
                          size="sm"
                          target="_blank"
                          rel="noopener"
                        >
                          {t('crm.form.duplicate_open')}
                        </Anchor>
                      )}
                      <Button
                        size="xs"
                        variant="light"
                        color="yellow"
                        loading={form.processing}
                        onClick={() => submit(undefined, true)}
                      >
                        {t('crm.form.save_anyway')}
                      </Button>
                    </Group>
                  </Alert>
                </Grid.Col>
              )}
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={field('legalName')}
                  value={form.data.legalName}
                  onChange={(e) => form.setData('legalName', e.currentTarget.value)}
                  error={errors.legalName}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, xs: 6, sm: 4 }}>
                <TextInput
                  label={field('nif')}
                  placeholder="B12345674"
                  value={form.data.nif}
                  onChange={(e) => form.setData('nif', e.currentTarget.value)}
                  error={errors.nif}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, xs: 6, sm: 4 }}>
                <Select
                  label={field('type')}
                  required
                  allowDeselect={false}
                  value={form.data.type}
                  error={errors.type}
                  data={selectData(catalog.types, t('crm.lists.inactive'))}
                  onChange={(v) => v && form.setData('type', v)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <Select
                  label={field('industry')}
                  clearable
                  searchable
                  value={form.data.industry || null}
                  error={errors.industry}
                  data={selectData(catalog.industries, t('crm.lists.inactive'))}
                  onChange={(v) => form.setData('industry', v ?? '')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={field('website')}
                  placeholder="www.empresa.es"
                  value={form.data.website}
                  onChange={(e) => form.setData('website', e.currentTarget.value)}
                  error={errors.website}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={field('owner')}
                  searchable
                  value={form.data.ownerId || null}
                  data={ownerOptions}
                  disabled={!canAssign}
                  clearable={canUnassign}
                  placeholder={canUnassign ? t('common.no_owner') : undefined}
                  description={!canAssign && !company ? t('crm.form.owner_fixed') : undefined}
                  onChange={(v) => form.setData('ownerId', v ?? '')}
                  error={errors.ownerId}
                />
              </Grid.Col>
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

          <CompanyClassification
            values={{ ...form.data, parentName: company?.parentName ?? null }}
            type={form.data.type}
            catalog={catalog}
            errors={errors}
            onChange={(patch) => {
              // The parent's name is the picker's label, not a field of the form.
              const fields = { ...patch }
              delete fields.parentName
              form.setData((data) => ({ ...data, ...fields }))
            }}
          />

          <ChannelSections
            title={field}
            phones={form.data.phones}
            emails={form.data.emails}
            errors={errors}
            onPhones={(v) => form.setData('phones', v)}
            onEmails={(v) => form.setData('emails', v)}
          />

          <Paper withBorder radius="md" p="md">
            <Title order={5} mb="sm">
              {t('crm.sections.addresses')}
            </Title>
            <AddressFields
              items={form.data.addresses}
              onChange={(v) => form.setData('addresses', v)}
              errors={errors}
              kinds={catalog.addressKinds.map((k) => ({
                value: k,
                label: t(`crm.address_kinds.${k}`),
              }))}
              provinces={catalog.provinces}
            />
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
