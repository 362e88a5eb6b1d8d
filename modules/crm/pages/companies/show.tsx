import { useMemo, useRef, useState } from 'react'
import { ActivitiesPanel } from '../shared/activities_panel'
import type { RecordActivitiesDto } from '../../dto/activities'
import { Head, Link, router } from '@inertiajs/react'
import { Anchor, Button, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core'
import { IconEdit, IconPlus } from '@tabler/icons-react'
import {
  ConfirmButton,
  DataTable,
  Documents,
  useCan,
  useFormat,
  useT,
  type Column,
  type DocumentsPanelProps,
  AddressLines,
  ChannelLines,
  Detail,
  EmailLink,
  PhoneLink,
  RecordHistory,
  InlineField,
  RecordHeader,
  QuickActions,
  RecordColumns,
  FieldCard,
  TimelineCard,
  type HistoryPage as History,
  type Option,
  type TimelineFilterChip,
  RecordTags,
  type TagsPanelProps,
  type RecordFlag,
} from '~/ui'
import { TypeBadge } from '../shared/type_badge'
import type {
  CompanyContact as Contact,
  CompanyDetail as Company,
  FormerContact,
  Subsidiary,
} from '../../dto/companies'
import { CompanyClassificationCard, CompanyRelations } from '../shared/company_relations'
import { OrgChart } from '../shared/org_chart'
import { OrgChartEditor } from '../shared/org_chart_editor'
import { CompanyOpportunities } from '../opportunities/company_section'
import type { CompanyOpportunity } from '../../dto/opportunities'
import { crmHistoryValueLabel } from '../shared/history_labels'
import { selectData } from '../shared/lists'
import {
  CustomFieldsInline,
  type CustomFieldDisplay,
  type CustomFieldInput,
} from '~/ui/custom_fields'
import type { Catalog, CatalogLabels, RecordActions } from '../../dto/shared'

/** What inline editing offers (the edit form's choices); null when the user may not edit. */
interface EditOptions {
  owners: Option[]
  canAssign: boolean
  canUnassign?: boolean
  catalog: Catalog
}

const primary = (items: { value: string; primary: boolean }[]) =>
  (items.find((i) => i.primary) ?? items[0])?.value ?? null

export default function CompanyShow({
  company,
  allowed,
  contacts,
  contactsTruncated,
  timeline,
  labels,
  documents,
  customFields = [],
  editOptions = null,
  editFields = [],
  timelineFilters = [],
  tags = null,
  flags = [],
  subsidiaries = [],
  formerContacts = [],
  opportunities = null,
  activities = null,
}: {
  company: Company & { ownerId: number | null }
  /** Whether this record is within the user's edit and delete scopes. */
  allowed: RecordActions
  contacts: Contact[]
  contactsTruncated: boolean
  timeline: History
  /** The organization's labels of the list codes (type, industry). */
  labels: CatalogLabels
  /** Null when the user may not see the company's documents. */
  documents: DocumentsPanelProps | null
  customFields?: CustomFieldDisplay[]
  editOptions?: EditOptions | null
  editFields?: CustomFieldInput[]
  timelineFilters?: TimelineFilterChip[]
  /** Null when the user may not see the company's tags. */
  tags?: TagsPanelProps | null
  /** Badges other modules raised on the record (kernel record flags: alerts). */
  flags?: RecordFlag[]
  subsidiaries?: Subsidiary[]
  formerContacts?: FormerContact[]
  /** Its opportunities in the reader's scope; null without access to opportunities. */
  opportunities?: CompanyOpportunity[] | null
  activities?: RecordActivitiesDto | null
}) {
  const { t, locale } = useT()
  const valueLabel = useMemo(() => crmHistoryValueLabel(t, locale, labels), [t, locale, labels])
  const f = useFormat()
  const can = useCan()
  const base = `/crm/companies/${company.id}`
  const field = (name: string) => t(`crm.companies.fields.${name}`)
  const [noteSignal, setNoteSignal] = useState(0)
  const openFiles = useRef<(() => void) | null>(null)
  const editable = allowed.edit && editOptions !== null
  const fieldUrl = `${base}/field`
  // After a change: the record (header, badges) and its timeline as the server now holds them.
  const reload = () => router.reload({ only: ['company', 'timeline', 'customFields', 'labels'] })
  const inactive = t('crm.lists.inactive')
  const types = editOptions
    ? selectData(editOptions.catalog.types, inactive)
    : Object.entries(labels.type).map(([value, label]) => ({ value, label }))
  const industries = editOptions
    ? selectData(editOptions.catalog.industries, inactive)
    : Object.entries(labels.industry).map(([value, label]) => ({ value, label }))
  const owners =
    editOptions &&
    company.ownerId &&
    !editOptions.owners.some((o) => o.value === String(company.ownerId))
      ? [{ value: String(company.ownerId), label: company.ownerName ?? '—' }, ...editOptions.owners]
      : (editOptions?.owners ?? [])
  const phone = primary(company.phones)
  const email = primary(company.emails)

  const contactColumns: Column<Contact>[] = [
    {
      key: 'name',
      header: t('crm.contacts.fields.name'),
      render: (c) => (
        <Anchor
          component={Link}
          href={`/crm/contacts/${c.id}`}
          size="sm"
          fw={600}
          onClick={(e) => e.stopPropagation()}
        >
          {c.name}
        </Anchor>
      ),
    },
    {
      key: 'position',
      header: t('crm.contacts.fields.position'),
      render: (c) => c.position ?? '—',
    },
    {
      key: 'email',
      header: t('crm.contacts.fields.email'),
      render: (c) => <EmailLink value={c.email} />,
    },
    {
      key: 'phone',
      header: t('crm.contacts.fields.phone'),
      render: (c) => <PhoneLink value={c.phone} />,
    },
  ]

  const editFull = allowed.edit ? (
    <Anchor component={Link} href={`${base}/edit`} size="xs">
      {t('common.edit')}
    </Anchor>
  ) : undefined

  return (
    <>
      <Head title={company.name} />
      <RecordHeader
        flags={flags}
        title={company.name}
        crumbs={[
          { label: t('crm.companies.title'), href: '/crm/companies' },
          { label: company.name },
        ]}
        badges={
          <>
            <TypeBadge type={company.type} label={labels.type[company.type] ?? company.type} />
            {tags && (
              <RecordTags panel={tags} onChanged={() => router.reload({ only: ['timeline'] })} />
            )}
          </>
        }
        facts={[
          { label: field('owner'), value: company.ownerName },
          { label: field('nif'), value: company.nif },
          { label: field('phone'), value: phone && <PhoneLink value={phone} /> },
          { label: field('email'), value: email && <EmailLink value={email} /> },
        ]}
        actions={
          <>
            {allowed.edit && (
              <Button
                component={Link}
                href={`${base}/edit`}
                variant="default"
                leftSection={<IconEdit size={16} />}
              >
                {t('common.edit')}
              </Button>
            )}
            {allowed.delete && (
              <ConfirmButton
                label={t('common.delete')}
                title={t('crm.companies.delete_title')}
                message={t('crm.companies.delete_message')}
                onConfirm={() => router.delete(base)}
              />
            )}
          </>
        }
        quickActions={
          <QuickActions
            phone={phone}
            email={email}
            onNote={allowed.edit ? () => setNoteSignal((n) => n + 1) : undefined}
            onAttach={documents?.canEdit ? () => openFiles.current?.() : undefined}
            subject={{ type: 'crm.company', id: company.id }}
          />
        }
      />
      <RecordColumns
        main={
          <>
            <FieldCard title={t('crm.sections.general')}>
              <InlineField
                name="name"
                label={field('name')}
                value={company.name}
                url={fieldUrl}
                readOnly={!editable}
                onSaved={reload}
              />
              <InlineField
                name="legalName"
                label={field('legalName')}
                value={company.legalName}
                url={fieldUrl}
                readOnly={!editable}
                onSaved={reload}
              />
              <InlineField
                name="type"
                label={field('type')}
                value={company.type}
                kind="select"
                options={types}
                url={fieldUrl}
                readOnly={!editable}
                onSaved={reload}
              />
              <InlineField
                name="nif"
                label={field('nif')}
                value={company.nif}
                url={fieldUrl}
                readOnly={!editable}
                onSaved={reload}
              />
              <InlineField
                name="industry"
                label={field('industry')}
                value={company.industry}
                kind="select"
                options={industries}
                clearable
                url={fieldUrl}
                readOnly={!editable}
                onSaved={reload}
              />
              <InlineField
                name="website"
                label={field('website')}
                value={company.website}
                url={fieldUrl}
                readOnly={!editable}
                onSaved={reload}
                render={(v) =>
                  v && (
                    <Anchor
                      href={/^https?:\/\//i.test(v) ? v : `https://${v}`}
                      target="_blank"
                      rel="noopener noreferrer"
                      size="sm"
                      onClick={(e) => e.stopPropagation()}
                    >
                      {v.replace(/^https?:\/\//, '')}
                    </Anchor>
                  )
                }
              />
              <InlineField
                name="ownerId"
                label={field('owner')}
                value={company.ownerId === null ? null : String(company.ownerId)}
                kind="select"
                options={owners}
                url={fieldUrl}
                readOnly={!editable || !editOptions?.canAssign}
                emptyOption={editOptions?.canUnassign ? t('common.no_owner') : undefined}
                render={() => company.ownerName}
                onSaved={reload}
              />
              <Detail
                label={field('createdAt')}
              >{`${f.date(company.createdAt)}${company.createdByName ? ` · ${company.createdByName}` : ''}`}</Detail>
              <div style={{ gridColumn: '1 / -1' }}>
                <InlineField
                  name="description"
                  label={field('description')}
                  value={company.description}
                  kind="textarea"
                  url={fieldUrl}
                  readOnly={!editable}
                  onSaved={reload}
                />
              </div>
            </FieldCard>
            <CompanyClassificationCard
              company={company}
              labels={labels}
              catalog={editOptions?.catalog ?? null}
              fieldUrl={fieldUrl}
              editable={editable}
              onSaved={reload}
              action={editFull}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <FieldCard title={t('crm.sections.channels')} columns={1} action={editFull}>
                <ChannelLines items={company.phones} kind="phone" empty={t('crm.form.no_phones')} />
                <ChannelLines items={company.emails} kind="email" empty={t('crm.form.no_emails')} />
              </FieldCard>
              <FieldCard title={t('crm.sections.addresses')} columns={1} action={editFull}>
                <AddressLines
                  items={company.addresses}
                  empty={t('crm.form.no_addresses')}
                  kindLabel={(kind) => t(`crm.address_kinds.${kind}`)}
                />
              </FieldCard>
            </SimpleGrid>
            {customFields.length > 0 && (
              <FieldCard title={t('custom_fields.section')} testId="custom-field-details">
                <CustomFieldsInline
                  fields={customFields}
                  inputs={editable ? editFields : []}
                  url={fieldUrl}
                  onSaved={reload}
                />
              </FieldCard>
            )}
            <Paper
              withBorder
              radius="md"
              p="md"
              component="section"
              aria-label={t('crm.sections.contacts')}
            >
              <Group justify="space-between" mb="sm" gap="xs">
                <Title order={5}>
                  {t('crm.sections.contacts')}{' '}
                  <Text span c="dimmed" size="sm">
                    {contacts.length}
                    {contactsTruncated ? '+' : ''}
                  </Text>
                </Title>
                <Group gap="xs">
                  <Anchor component={Link} href={`/crm/contacts?company=${company.id}`} size="sm">
                    {t('crm.companies.see_all_contacts')}
                  </Anchor>
                  {can('crm.contacts.create') && (
                    <Button
                      component={Link}
                      href={`/crm/contacts/create?company=${company.id}`}
                      size="xs"
                      variant="light"
                      leftSection={<IconPlus size={14} />}
                    >
                      {t('crm.companies.new_contact')}
                    </Button>
                  )}
                </Group>
              </Group>
              {contacts.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('crm.companies.no_contacts')}
                </Text>
              ) : (
                <DataTable
                  rows={contacts}
                  columns={contactColumns}
                  rowKey={(c) => c.id}
                  onRowClick={(c) => router.visit(`/crm/contacts/${c.id}`)}
                />
              )}
              {contactsTruncated && (
                <Text size="xs" c="dimmed" mt="xs">
                  {t('crm.companies.contacts_truncated')}
                </Text>
              )}
            </Paper>
            <CompanyRelations
              companyId={company.id}
              subsidiaries={subsidiaries}
              formerContacts={formerContacts}
              labels={labels}
            />
            {(contacts.some((c) => c.reportsToId !== null) ||
              (can('crm.contacts.edit') && contacts.length > 1)) && (
              <Paper
                withBorder
                radius="md"
                p="md"
                component="section"
                aria-label={t('crm.sections.org_chart')}
              >
                <Title order={5} mb="sm">
                  {t('crm.sections.org_chart')}
                </Title>
                {can('crm.contacts.edit') ? (
                  <OrgChartEditor people={contacts} />
                ) : (
                  <OrgChart people={contacts} />
                )}
              </Paper>
            )}
            <CompanyOpportunities items={opportunities} />
            <ActivitiesPanel activities={activities} />
            {documents && <Documents panel={documents} openRef={openFiles} />}
          </>
        }
        aside={
          <TimelineCard>
            <RecordHistory
              history={timeline}
              baseUrl={base}
              canNote={allowed.edit}
              fieldPrefix="crm.companies.fields"
              valueLabel={valueLabel}
              customLabels={Object.fromEntries(customFields.map((c) => [`cf.${c.key}`, c.label]))}
              filters={timelineFilters}
              openNote={noteSignal}
            />
          </TimelineCard>
        }
      />
    </>
  )
}
