import { useMemo, useRef, useState } from 'react'
import { ActivitiesPanel } from '../shared/activities_panel'
import type { RecordActivitiesDto } from '../../dto/activities'
import { Head, Link, router } from '@inertiajs/react'
import { Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core'
import { IconEdit } from '@tabler/icons-react'
import {
  ConfirmButton,
  Documents,
  useFormat,
  useT,
  type DocumentsPanelProps,
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
import { crmHistoryValueLabel } from '../shared/history_labels'
import {
  CustomFieldsInline,
  type CustomFieldDisplay,
  type CustomFieldInput,
} from '~/ui/custom_fields'
import type {
  ContactCatalog,
  ContactDetail as Contact,
  ContactPosition,
  PersonLink as Person,
} from '../../dto/contacts'
import { ContactPositionsCard, ContactProfileCard, contactLabels } from '../shared/contact_cards'
import type { RecordActions } from '../../dto/shared'

function PersonLine({ person }: { person: Person }) {
  return (
    <div>
      <Anchor component={Link} href={`/crm/contacts/${person.id}`} size="sm" fw={500}>
        {person.name}
      </Anchor>
      {person.position && (
        <Text size="xs" c="dimmed">
          {person.position}
        </Text>
      )}
    </div>
  )
}

const primary = (items: { value: string; primary: boolean }[]) =>
  (items.find((i) => i.primary) ?? items[0])?.value ?? null

/**
 * A contact on the record layout: key facts and quick actions, fields edited in place, phones
 * and e-mails, where they sit in the org chart, documents, and the timeline beside them.
 */
export default function ContactShow({
  contact,
  allowed,
  manager,
  reports,
  timeline,
  documents,
  customFields = [],
  editOptions = null,
  editFields = [],
  timelineFilters = [],
  tags = null,
  flags = [],
  positions = [],
  contactCatalog,
  activities = null,
}: {
  contact: Contact & { ownerId: number | null }
  /** Whether this record is within the user's edit and delete scopes. */
  allowed: RecordActions
  manager: Person | null
  reports: Person[]
  timeline: History
  /** Null when the user may not see the contact's documents. */
  documents: DocumentsPanelProps | null
  customFields?: CustomFieldDisplay[]
  /** The owners inline editing offers; null when the user may not edit. */
  editOptions?: { owners: Option[]; canAssign: boolean; canUnassign?: boolean } | null
  editFields?: CustomFieldInput[]
  timelineFilters?: TimelineFilterChip[]
  /** Null when the user may not see the contact's tags. */
  tags?: TagsPanelProps | null
  /** Badges other modules raised on the record (kernel record flags: alerts). */
  flags?: RecordFlag[]
  positions?: ContactPosition[]
  contactCatalog: ContactCatalog
  activities?: RecordActivitiesDto | null
}) {
  const { t, locale } = useT()
  const valueLabel = useMemo(
    () => crmHistoryValueLabel(t, locale, contactLabels(contactCatalog)),
    [t, locale, contactCatalog]
  )
  const f = useFormat()
  const base = `/crm/contacts/${contact.id}`
  const field = (name: string) => t(`crm.contacts.fields.${name}`)
  const [noteSignal, setNoteSignal] = useState(0)
  const openFiles = useRef<(() => void) | null>(null)
  const editable = allowed.edit && editOptions !== null
  const fieldUrl = `${base}/field`
  const reload = () => router.reload({ only: ['contact', 'timeline', 'customFields', 'positions'] })
  const owners =
    editOptions &&
    contact.ownerId &&
    !editOptions.owners.some((o) => o.value === String(contact.ownerId))
      ? [{ value: String(contact.ownerId), label: contact.ownerName ?? '—' }, ...editOptions.owners]
      : (editOptions?.owners ?? [])
  const phone = primary(contact.phones)
  const email = primary(contact.emails)
  const text = (name: keyof Contact, kind: 'text' | 'textarea' = 'text') => (
    <InlineField
      name={name}
      label={field(name)}
      value={(contact[name] as string | null) ?? null}
      kind={kind}
      url={fieldUrl}
      readOnly={!editable}
      onSaved={reload}
    />
  )

  return (
    <>
      <Head title={contact.fullName} />
      <RecordHeader
        flags={flags}
        title={contact.fullName}
        crumbs={[
          { label: t('crm.contacts.title'), href: '/crm/contacts' },
          { label: contact.fullName },
        ]}
        badges={
          tags && (
            <RecordTags panel={tags} onChanged={() => router.reload({ only: ['timeline'] })} />
          )
        }
        facts={[
          {
            label: field('company'),
            value: contact.companyId ? (
              <Anchor component={Link} href={`/crm/companies/${contact.companyId}`} size="sm">
                {contact.companyName}
              </Anchor>
            ) : null,
          },
          { label: field('position'), value: contact.position },
          { label: field('owner'), value: contact.ownerName },
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
                title={t('crm.contacts.delete_title')}
                message={t('crm.contacts.delete_message')}
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
            subject={{ type: 'crm.contact', id: contact.id }}
          />
        }
      />
      <RecordColumns
        main={
          <>
            <FieldCard title={t('crm.sections.general')}>
              {text('firstName')}
              {text('lastName')}
              <Detail label={field('company')}>
                {contact.companyId ? (
                  <Anchor component={Link} href={`/crm/companies/${contact.companyId}`} size="sm">
                    {contact.companyName}
                  </Anchor>
                ) : null}
              </Detail>
              {text('position')}
              {text('department')}
              <InlineField
                name="ownerId"
                label={field('owner')}
                value={contact.ownerId === null ? null : String(contact.ownerId)}
                kind="select"
                options={owners}
                url={fieldUrl}
                readOnly={!editable || !editOptions?.canAssign}
                emptyOption={editOptions?.canUnassign ? t('common.no_owner') : undefined}
                render={() => contact.ownerName}
                onSaved={reload}
              />
              <Detail
                label={field('createdAt')}
              >{`${f.date(contact.createdAt)}${contact.createdByName ? ` · ${contact.createdByName}` : ''}`}</Detail>
              <Detail label={field('updatedAt')}>{f.date(contact.updatedAt)}</Detail>
              <div style={{ gridColumn: '1 / -1' }}>{text('notes', 'textarea')}</div>
            </FieldCard>
            <ContactProfileCard
              contact={contact}
              catalog={contactCatalog}
              fieldUrl={fieldUrl}
              editable={editable}
              onSaved={reload}
              action={
                allowed.edit ? (
                  <Anchor component={Link} href={`${base}/edit`} size="xs">
                    {t('common.edit')}
                  </Anchor>
                ) : undefined
              }
            />
            <ContactPositionsCard positions={positions} />
            <FieldCard
              title={t('crm.sections.channels')}
              columns={1}
              action={
                allowed.edit ? (
                  <Anchor component={Link} href={`${base}/edit`} size="xs">
                    {t('common.edit')}
                  </Anchor>
                ) : undefined
              }
            >
              <ChannelLines items={contact.phones} kind="phone" empty={t('crm.form.no_phones')} />
              <ChannelLines items={contact.emails} kind="email" empty={t('crm.form.no_emails')} />
            </FieldCard>
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
            <Paper withBorder radius="md" p="md" data-testid="org-chart">
              <Title order={5} mb="xs">
                {t('crm.sections.org_chart')}
              </Title>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('crm.org_chart.manager')}
              </Text>
              {manager ? (
                <PersonLine person={manager} />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('crm.org_chart.no_manager')}
                </Text>
              )}
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="sm">
                {t('crm.org_chart.reports')}
              </Text>
              {reports.length ? (
                <Stack gap={6}>
                  {reports.map((p) => (
                    <PersonLine key={p.id} person={p} />
                  ))}
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('crm.org_chart.no_reports')}
                </Text>
              )}
            </Paper>
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
              fieldPrefix="crm.contacts.fields"
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
