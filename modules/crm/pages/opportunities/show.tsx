import { useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import { Anchor, Badge, Button, Group, Modal, Rating, Select, Stack } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import {
  Detail,
  FieldCard,
  RecordColumns,
  QuickActions,
  RecordHeader,
  RecordHistory,
  RecordTags,
  TimelineCard,
  useFormat,
  useT,
  type HistoryPage,
  type Option,
  type TagsPanelProps,
  type TimelineFilterChip,
  type RecordFlag,
} from '~/ui'
import { apiJson } from '~/ui/api'
import { ActivitiesPanel } from '../shared/activities_panel'
import type { OpportunityDetail } from '../../dto/opportunities'
import type { RecordActivitiesDto } from '../../dto/activities'
import type { RecordActions } from '../../dto/shared'
import type { BoardStage } from './board_parts'
import { DeleteOpportunityButton } from './delete_button'
import { CompetitorsSection, ContactsSection } from './record_sections'
import { ProcessSection, type ProcessDto } from './process_section'

const STATUS_COLOR = { open: 'blue', won: 'green', lost: 'red' } as const

export default function OpportunityShow({
  opportunity: o,
  stages,
  timeline,
  timelineFilters = [],
  activities,
  allowed,
  lostReasons,
  sources,
  families,
  roles,
  tags = null,
  flags = [],
  process,
}: {
  opportunity: OpportunityDetail
  stages: BoardStage[]
  timeline: HistoryPage
  timelineFilters?: TimelineFilterChip[]
  activities: RecordActivitiesDto | null
  allowed: RecordActions
  lostReasons: Option[]
  sources: Record<string, string>
  families: Record<string, string>
  roles: Option[]
  /** Null when the user may not see the opportunity's tags. */
  tags?: TagsPanelProps | null
  /** Badges other modules raised on the record (kernel record flags: alerts). */
  flags?: RecordFlag[]
  process: ProcessDto
}) {
  const { t } = useT()
  const f = useFormat()
  const [asking, setAsking] = useState<number | null>(null)
  const [reason, setReason] = useState<string | null>(null)
  const base = `/crm/opportunities/${o.id}`
  const reasonLabel = (code: string | null) =>
    code ? (lostReasons.find((r) => r.value === code)?.label ?? code) : null

  async function move(stageId: number, lostReason?: string) {
    const stage = stages.find((s) => s.id === stageId)
    if (stage?.isLost && !lostReason) return setAsking(stageId)
    const result = await apiJson('PATCH', `${base}/stage`, { stageId, lostReason })
    if (!result.ok)
      notifications.show({
        color: 'red',
        message:
          (result.body as { message?: string }).message ?? t('crm.opportunities.move_refused'),
      })
    router.reload()
  }

  const won = stages.find((s) => s.isWon)
  const lost = stages.find((s) => s.isLost)
  return (
    <>
      <Head title={o.name} />
      <RecordHeader
        flags={flags}
        title={o.name}
        crumbs={[
          { label: t('crm.opportunities.title'), href: '/crm/opportunities/board' },
          { label: o.name },
        ]}
        badges={
          <Badge color={STATUS_COLOR[o.status]} data-testid="opportunity-status">
            {t(`crm.opportunities.status.${o.status}`)}
          </Badge>
        }
        facts={[
          { label: t('crm.opportunities.fields.stage'), value: o.stageName },
          {
            label: t('crm.opportunities.fields.amount'),
            value: f.money(o.amountMinor, o.currency),
          },
          { label: t('crm.opportunities.fields.weighted'), value: f.money(o.weightedOrgMinor) },
          { label: t('crm.opportunities.fields.probability'), value: `${o.probability} %` },
          {
            label: t('crm.opportunities.fields.expectedCloseOn'),
            value: f.date(o.expectedCloseOn),
          },
          { label: t('crm.opportunities.fields.owner'), value: o.ownerName },
        ]}
        quickActions={<QuickActions subject={{ type: 'crm.opportunity', id: o.id }} />}
        actions={
          allowed.edit && (
            <Group gap="xs">
              {o.status === 'open' && won && (
                <Button size="xs" color="green" onClick={() => void move(won.id)}>
                  {t('crm.opportunities.mark_won')}
                </Button>
              )}
              {o.status === 'open' && lost && (
                <Button size="xs" color="red" variant="light" onClick={() => setAsking(lost.id)}>
                  {t('crm.opportunities.mark_lost')}
                </Button>
              )}
              <Button size="xs" variant="default" component={Link} href={`${base}/edit`}>
                {t('crm.opportunities.edit')}
              </Button>
              {o.status !== 'open' && (
                <Button size="xs" variant="light" onClick={() => router.post(`${base}/reopen`, {})}>
                  {t('crm.opportunities.reopen')}
                </Button>
              )}
              <DeleteOpportunityButton id={o.id} allowed={allowed.delete} />
            </Group>
          )
        }
      />
      <RecordColumns
        main={
          <>
            <FieldCard title={t('crm.opportunities.sections.main')}>
              <Detail label={t('crm.opportunities.fields.company')}>
                {o.companyId && (
                  <Anchor component={Link} href={`/crm/companies/${o.companyId}`}>
                    {o.companyName}
                  </Anchor>
                )}
              </Detail>
              <Detail label={t('crm.opportunities.fields.stage')}>
                {allowed.edit && o.status === 'open' ? (
                  <Select
                    aria-label={t('crm.opportunities.fields.stage')}
                    size="xs"
                    data={stages.map((s) => ({ value: String(s.id), label: s.name }))}
                    value={String(o.stageId)}
                    onChange={(v) => v && void move(Number(v))}
                  />
                ) : (
                  o.stageName
                )}
              </Detail>
              <Detail label={t('crm.opportunities.fields.amountOrg')}>
                {`${f.money(o.amountOrgMinor)}${o.exchangeRate !== '1' ? ` · ${t('crm.opportunities.rate', { rate: o.exchangeRate })}` : ''}`}
              </Detail>
              <Detail label={t('crm.opportunities.fields.priority')}>
                <Rating
                  value={o.priority}
                  count={3}
                  readOnly
                  aria-label={t('crm.opportunities.fields.priority')}
                />
              </Detail>
              <Detail label={t('crm.opportunities.fields.team')}>{o.teamName}</Detail>
              <Detail label={t('crm.opportunities.fields.source')}>
                {o.source ? (sources[o.source] ?? o.source) : null}
              </Detail>
              <Detail label={t('crm.opportunities.fields.productFamily')}>
                {o.productFamily ? (families[o.productFamily] ?? o.productFamily) : null}
              </Detail>
              {o.status === 'lost' && (
                <Detail label={t('crm.opportunities.fields.lostReason')}>
                  {reasonLabel(o.lostReason)}
                </Detail>
              )}
              {o.wonAt && (
                <Detail label={t('crm.opportunities.fields.wonAt')}>{f.date(o.wonAt)}</Detail>
              )}
              {o.lostAt && (
                <Detail label={t('crm.opportunities.fields.lostAt')}>{f.date(o.lostAt)}</Detail>
              )}
              <Detail label={t('crm.opportunities.fields.description')}>{o.description}</Detail>
            </FieldCard>
            <ProcessSection
              opportunityId={o.id}
              stageName={o.stageName}
              process={process}
              canEdit={allowed.edit && o.status === 'open'}
            />
            <ContactsSection opportunity={o} roles={roles} canEdit={allowed.edit} />
            <CompetitorsSection opportunity={o} canEdit={allowed.edit} />
            {tags && (
              <RecordTags panel={tags} onChanged={() => router.reload({ only: ['timeline'] })} />
            )}
            <ActivitiesPanel activities={activities} />
          </>
        }
        aside={
          <TimelineCard>
            <RecordHistory
              history={timeline}
              baseUrl={base}
              canNote={false}
              fieldPrefix="crm.opportunities.fields"
              filters={timelineFilters}
            />
          </TimelineCard>
        }
      />
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={t('crm.opportunities.lost_title')}
      >
        <Stack>
          <Select
            label={t('crm.opportunities.fields.lostReason')}
            data={lostReasons}
            value={reason}
            onChange={setReason}
            required
            data-autofocus
          />
          <Button
            disabled={!reason}
            onClick={() => {
              const stageId = asking
              setAsking(null)
              if (stageId && reason) void move(stageId, reason)
            }}
          >
            {t('crm.opportunities.mark_lost')}
          </Button>
        </Stack>
      </Modal>
    </>
  )
}
