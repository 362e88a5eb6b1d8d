import { Head, useForm, usePage } from '@inertiajs/react'
import { Grid, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core'
import {
  ChannelSections,
  ErrorSummary,
  formatPhone,
  FormFooter,
  PageHeader,
  RecordPicker,
  useT,
  type Option,
  type SharedProps,
} from '~/ui'
import { CompanyPicker } from '../shared/company_picker'
import {
  CustomFieldsSection,
  type CustomFieldInput,
  type CustomFieldValue,
} from '~/ui/custom_fields'
import type { ContactCatalog, ContactFormValues as ContactValues } from '../../dto/contacts'
import { ContactProfileFields } from '../shared/contact_profile_fields'

/** Create and edit a contact; the manager is searched among the chosen company's contacts. */
export default function ContactForm({
  contact,
  initialCompanyId,
  owners,
  canAssign,
  canUnassign,
  companies,
  managers,
  customFields = [],
  customValues = {},
  contactCatalog,
}: {
  contact: ContactValues | null
  initialCompanyId: number | null
  owners: Option[]
  canAssign: boolean
  /** Whether the owner may be left empty ("Sin asignar"). */
  canUnassign?: boolean
  companies: Option[]
  managers: Option[]
  customFields?: CustomFieldInput[]
  customValues?: Record<string, CustomFieldValue>
  contactCatalog: ContactCatalog
}) {
  const { t } = useT()
  const me = usePage<SharedProps>().props.shell.user
  const form = useForm({
    firstName: contact?.firstName ?? '',
    lastName: contact?.lastName ?? '',
    companyId: contact?.companyId ?? (initialCompanyId ? String(initialCompanyId) : ''),
    position: contact?.position ?? '',
    department: contact?.department ?? '',
    reportsToId: contact?.reportsToId ?? '',
    ownerId: contact?.ownerId ?? (me ? String(me.id) : ''),
    notes: contact?.notes ?? '',
    gender: contact?.gender ?? '',
    language: contact?.language ?? '',
    birthday: contact?.birthday ?? '',
    consentStatus: contact?.consentStatus ?? 'unknown',
    consentAt: contact?.consentAt ?? '',
    consentSource: contact?.consentSource ?? '',
    optedOut: contact?.optedOut ?? false,
    optedOutAt: contact?.optedOutAt ?? '',
    optOutSource: contact?.optOutSource ?? '',
    phones: (contact?.phones ?? []).map((p) => ({ ...p, number: formatPhone(p.number) })),
    emails: contact?.emails ?? [],
    customFields: customValues,
  })
  const errors = form.errors as Record<string, string | undefined>
  const field = (name: string) => t(`crm.contacts.fields.${name}`)
  // Another company: its people become the possible managers, and the old manager goes.
  const changeCompany = (companyId: string) => {
    if (companyId === form.data.companyId) return
    form.setData((data) => ({ ...data, companyId, reportsToId: '' }))
  }
  const managerSearch =
    `/crm/contacts/lookup?company=${form.data.companyId}` + (contact ? `&except=${contact.id}` : '')

  const ownerOptions =
    contact?.ownerId && !owners.some((o) => o.value === contact.ownerId)
      ? [{ value: contact.ownerId, label: contact.ownerName ?? '—' }, ...owners]
      : owners
  const title = contact ? t('crm.contacts.edit_title') : t('crm.contacts.new')
  const back = contact ? `/crm/contacts/${contact.id}` : '/crm/contacts'
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    if (contact) form.put(`/crm/contacts/${contact.id}`, { preserveScroll: 'errors' as const })
    else form.post('/crm/contacts', { preserveScroll: 'errors' as const })
  }

  return (
    <>
      <Head title={title} />
      <PageHeader
        title={title}
        crumbs={[
          { label: t('crm.contacts.title'), href: '/crm/contacts' },
          ...(contact
            ? [{ label: `${contact.firstName} ${contact.lastName}`.trim(), href: back }]
            : []),
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
              <Grid.Col span={{ base: 12, sm: 5 }}>
                <TextInput
                  label={field('firstName')}
                  required
                  value={form.data.firstName}
                  onChange={(e) => form.setData('firstName', e.currentTarget.value)}
                  error={errors.firstName}
                  autoFocus={!contact}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 7 }}>
                <TextInput
                  label={field('lastName')}
                  value={form.data.lastName}
                  onChange={(e) => form.setData('lastName', e.currentTarget.value)}
                  error={errors.lastName}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <CompanyPicker
                  label={field('company')}
                  placeholder={t('crm.contacts.company_search')}
                  initial={companies}
                  value={form.data.companyId || null}
                  onChange={(v) => changeCompany(v ?? '')}
                  error={errors.companyId}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <RecordPicker
                  // A new company starts the search afresh (its people only).
                  key={form.data.companyId}
                  label={field('reportsTo')}
                  placeholder={t('crm.contacts.manager_hint')}
                  searchUrl={managerSearch}
                  initial={form.data.companyId === (contact?.companyId ?? '') ? managers : []}
                  hiddenLabel={t('crm.contacts.hidden_manager')}
                  value={form.data.reportsToId || null}
                  disabled={!form.data.companyId}
                  onChange={(v) => form.setData('reportsToId', v ?? '')}
                  error={errors.reportsToId}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={field('position')}
                  value={form.data.position}
                  onChange={(e) => form.setData('position', e.currentTarget.value)}
                  error={errors.position}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={field('department')}
                  value={form.data.department}
                  onChange={(e) => form.setData('department', e.currentTarget.value)}
                  error={errors.department}
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
                  description={!canAssign && !contact ? t('crm.form.owner_fixed') : undefined}
                  onChange={(v) => form.setData('ownerId', v ?? '')}
                  error={errors.ownerId}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <Textarea
                  label={field('notes')}
                  autosize
                  minRows={2}
                  maxRows={8}
                  value={form.data.notes}
                  onChange={(e) => form.setData('notes', e.currentTarget.value)}
                  error={errors.notes}
                />
              </Grid.Col>
            </Grid>
          </Paper>
          <ContactProfileFields
            values={form.data}
            catalog={contactCatalog}
            errors={errors}
            onChange={(patch) => form.setData((data) => ({ ...data, ...patch }))}
          />
          <ChannelSections
            title={field}
            phones={form.data.phones}
            emails={form.data.emails}
            errors={errors}
            onPhones={(v) => form.setData('phones', v)}
            onEmails={(v) => form.setData('emails', v)}
          />
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
