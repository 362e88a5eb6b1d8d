import { useMemo, useRef, useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import { Alert, Button } from '@mantine/core'
import { IconBan, IconEdit, IconRefresh, IconTransform } from '@tabler/icons-react'
import {
  ConfirmButton,
  Detail,
  Documents,
  EmailLink,
  FieldCard,
  historyValueLabel,
  PhoneLink,
  QuickActions,
  RecordColumns,
  RecordHeader,
  RecordHistory,
  RecordTags,
  TimelineCard,
  useFormat,
  useT,
  type DocumentsPanelProps,
  type HistoryPage,
  type TagsPanelProps,
  type TimelineFilterChip,
} from '~/ui'
import { CustomFieldDetails, type CustomFieldDisplay } from '~/ui/custom_fields'
import type { LeadCatalog, LeadDetail, LeadDuplicate } from '../../dto/leads'
import type { LeadAssignmentDto } from '../../dto/assignment'
import type { RecordActivitiesDto } from '../../dto/activities'
import { AssignmentPanel } from './assignment_panel'
import { ActivitiesPanel } from '../shared/activities_panel'
import { ConvertModal } from './convert_modal'
import { DisqualifyModal } from './disqualify_modal'
import { ConversionAlert, DuplicatesAlert, type LeadLinks } from './lead_alerts'
import { LeadStatusBadge } from './status_badge'

const labelOf = (options: { value: string; label: string }[], code: string | null) =>
  code ? (options.find((o) => o.value === code)?.label ?? code) : null

export default function LeadShow({
  lead,
  allowed,
  timeline,
  documents,
  catalog,
  duplicates,
  assignment,
  activities,
  timelineFilters = [],
  tags = null,
  customFields = [],
  links = { company: null, contact: null },
}: {
  lead: LeadDetail
  allowed: { edit: boolean; delete: boolean; convert: boolean }
  timeline: HistoryPage
  documents: DocumentsPanelProps | null
  catalog: LeadCatalog
  duplicates: LeadDuplicate[]
  assignment: LeadAssignmentDto | null
  activities: RecordActivitiesDto | null
  timelineFilters?: TimelineFilterChip[]
  tags?: TagsPanelProps | null
  customFields?: CustomFieldDisplay[]
  /** The existing company and contact "Vincular" remembered (conversion pre-selects them). */
  links?: LeadLinks
}) {
  const { t } = useT()
  const f = useFormat()
  // Coded values in the history read as the organization's labels.
  const valueLabel = useMemo(() => {
    const lists: Record<string, { value: string; label: string }[]> = {
      source: catalog.sources,
      sector: catalog.sectors,
      companySize: catalog.sizes,
      productInterest: catalog.interests,
      disqualifyReason: catalog.reasons,
    }
    return historyValueLabel(t, (name, value) => {
      if (name === 'status') return t(`crm.leads.statuses.${value}`)
      return lists[name] ? labelOf(lists[name], value) : null
    })
  }, [t, catalog])
  const base = `/crm/leads/${lead.id}`
  const field = (name: string) => t(`crm.leads.fields.${name}`)
  const [converting, setConverting] = useState(false)
  const [disqualifying, setDisqualifying] = useState(false)
  const [noteSignal, setNoteSignal] = useState(0)
  const openFiles = useRef<(() => void) | null>(null)
  const open = lead.status === 'new' || lead.status === 'working'
  const person = [lead.firstName, lead.lastName].filter(Boolean).join(' ')

  return (
    <>
      <Head title={lead.title} />
      <RecordHeader
        title={lead.title}
        crumbs={[{ label: t('crm.leads.title'), href: '/crm/leads' }, { label: lead.title }]}
        badges={
          <>
            <LeadStatusBadge status={lead.status} />
            {tags && (
              <RecordTags panel={tags} onChanged={() => router.reload({ only: ['timeline'] })} />
            )}
          </>
        }
        facts={[
          { label: field('owner'), value: lead.ownerName ?? t('crm.leads.unassigned') },
          { label: field('name'), value: person },
          { label: field('companyName'), value: lead.companyName },
          { label: field('phone'), value: lead.phone && <PhoneLink value={lead.phone} /> },
          { label: field('email'), value: lead.email && <EmailLink value={lead.email} /> },
        ]}
        actions={
          <>
            {open && allowed.convert && (
              <Button
                leftSection={<IconTransform size={16} />}
                onClick={() => setConverting(true)}
                data-testid="convert"
              >
                {t('crm.leads.convert.action')}
              </Button>
            )}
            {open && allowed.edit && (
              <Button
                variant="default"
                leftSection={<IconBan size={16} />}
                onClick={() => setDisqualifying(true)}
              >
                {t('crm.leads.disqualify.action')}
              </Button>
            )}
            {lead.status === 'disqualified' && allowed.edit && (
              <Button
                variant="default"
                leftSection={<IconRefresh size={16} />}
                onClick={() => router.post(`${base}/reopen`)}
              >
                {t('crm.leads.reopen')}
              </Button>
            )}
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
                title={t('crm.leads.delete_title')}
                message={t('crm.leads.delete_message')}
                onConfirm={() => router.delete(base)}
              />
            )}
          </>
        }
        quickActions={
          <QuickActions
            phone={lead.phone}
            email={lead.email}
            onNote={allowed.edit ? () => setNoteSignal((n) => n + 1) : undefined}
            onAttach={documents?.canEdit ? () => openFiles.current?.() : undefined}
            subject={{ type: 'crm.lead', id: lead.id }}
          />
        }
      />
      <RecordColumns
        main={
          <>
            <DuplicatesAlert
              duplicates={duplicates}
              canMerge={open && allowed.edit && allowed.delete}
              canLink={open && allowed.edit}
              links={links}
              base={base}
            />
            <ConversionAlert lead={lead} />
            {lead.status === 'disqualified' && (
              <Alert color="gray">
                {t('crm.leads.disqualified_because', {
                  date: lead.disqualifiedAt ? f.date(lead.disqualifiedAt) : '',
                  reason: labelOf(catalog.reasons, lead.disqualifyReason) ?? '',
                })}
              </Alert>
            )}
            <AssignmentPanel
              assignment={assignment}
              reassignUrl={
                allowed.edit && open ? `/crm/assignment/leads/${lead.id}/reassign` : undefined
              }
            />
            <FieldCard title={t('crm.leads.sections.want')}>
              <Detail label={field('source')}>{labelOf(catalog.sources, lead.source)}</Detail>
              <Detail label={field('productInterest')}>
                {labelOf(catalog.interests, lead.productInterest)}
              </Detail>
              <div style={{ gridColumn: '1 / -1' }}>
                <Detail label={field('description')}>{lead.description}</Detail>
              </div>
            </FieldCard>
            <FieldCard title={t('crm.leads.sections.person')}>
              <Detail label={field('companyName')}>{lead.companyName}</Detail>
              <Detail label={field('nif')}>{lead.nif}</Detail>
              <Detail label={field('website')}>{lead.website}</Detail>
              <Detail label={field('province')}>
                {[lead.postalCode, lead.province, lead.country].filter(Boolean).join(' · ')}
              </Detail>
            </FieldCard>
            <FieldCard title={t('crm.leads.sections.qualification')}>
              <Detail label={field('sector')}>{labelOf(catalog.sectors, lead.sector)}</Detail>
              <Detail label={field('companySize')}>
                {labelOf(catalog.sizes, lead.companySize)}
              </Detail>
              <Detail label={field('language')}>
                {lead.language ? t(`crm.leads.languages.${lead.language}`) : null}
              </Detail>
              <Detail label={field('team')}>{lead.teamName}</Detail>
              <Detail label={field('createdAt')}>
                {`${f.date(lead.createdAt)}${lead.createdByName ? ` · ${lead.createdByName}` : ''}`}
              </Detail>
            </FieldCard>
            <CustomFieldDetails fields={customFields} />
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
              fieldPrefix="crm.leads.fields"
              customLabels={Object.fromEntries(customFields.map((c) => [`cf.${c.key}`, c.label]))}
              valueLabel={valueLabel}
              filters={timelineFilters}
              openNote={noteSignal}
            />
          </TimelineCard>
        }
      />
      <ConvertModal
        lead={lead}
        links={links}
        opened={converting}
        onClose={() => setConverting(false)}
      />
      <DisqualifyModal
        opened={disqualifying}
        onClose={() => setDisqualifying(false)}
        reasons={catalog.reasons}
        url={`${base}/disqualify`}
      />
    </>
  )
}
