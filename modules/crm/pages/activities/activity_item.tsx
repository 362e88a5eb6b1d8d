import { useState } from 'react'
import { Link } from '@inertiajs/react'
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconCheck, IconPencil, IconRepeat, IconUsers } from '@tabler/icons-react'
import { ConfirmButton, NavIcon, useCan, useFormat, useT } from '~/ui'
import { apiJson } from '~/ui/api'
import type { ActivityDto, ActivityDueClass, ActivityTypeDto } from '../../dto/activities'
import { ActivityForm } from './activity_form'

/** Overdue red, today orange, future green: colour and a word (never colour alone). */
export const DUE_COLORS: Record<ActivityDueClass, string> = {
  overdue: 'red',
  today: 'orange',
  future: 'green',
  done: 'gray',
  cancelled: 'gray',
}

export function DueBadge({ activity }: { activity: ActivityDto }) {
  const { t } = useT()
  return (
    <Badge
      color={DUE_COLORS[activity.dueClass]}
      variant={activity.dueClass === 'done' ? 'outline' : 'light'}
      data-due={activity.dueClass}
    >
      {t(`crm.activities.due_class.${activity.dueClass}`)}
    </Badge>
  )
}

/** When an activity is due, in the reader's zone (the date alone for all-day ones). */
export function useDueText() {
  const f = useFormat()
  return (a: ActivityDto) => (a.allDay ? f.date(a.dueAt) : f.dateTime(a.dueAt))
}

/** What the edit form needs (types, people to assign and invite, the reader). */
export interface ActivityFormOptions {
  types: ActivityTypeDto[]
  assignees: { value: string; label: string }[]
  userId: number
}

/** The attendees' names ("Contacto no visible" for a contact beyond the reader's scope). */
export function useAttendeesText() {
  const { t } = useT()
  return (a: ActivityDto) =>
    a.attendees.map((x) => x.name ?? t('crm.activities.hidden_contact')).join(', ')
}

/**
 * One activity as a card line: type, title, record, due, assignee, attendees, and its actions:
 * mark done, edit, cancel (an occurrence of a series asks whether to stop the series).
 */
export function ActivityItem({
  activity,
  onChanged,
  showSubject = true,
  form,
}: {
  activity: ActivityDto
  onChanged: () => void
  showSubject?: boolean
  /** Given: the activity can be edited from here. */
  form?: ActivityFormOptions
}) {
  const { t } = useT()
  const due = useDueText()
  const attendeesText = useAttendeesText()
  const [completing, setCompleting] = useState(false)
  const [editing, setEditing] = useState(false)
  const can = useCan()
  const a = activity
  const cancel = async (series?: 'one' | 'following') => {
    const result = await apiJson<{ cancelled?: number; stopped?: boolean }>(
      'DELETE',
      `/crm/activities/${a.id}${series ? `?series=${series}` : ''}`
    )
    if (!result.ok) return
    notifications.show({
      color: 'teal',
      message:
        series === 'following'
          ? t(
              result.body.stopped === false
                ? 'crm.activities.series_cancelled_kept'
                : 'crm.activities.series_cancelled',
              { count: result.body.cancelled ?? 0 }
            )
          : t('crm.activities.cancelled'),
    })
    onChanged()
  }
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="activity" data-activity-id={a.id}>
      <Group justify="space-between" wrap="wrap" align="flex-start" gap="sm">
        <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
          <span aria-hidden style={{ color: `var(--mantine-color-${a.typeColor}-6)` }}>
            <NavIcon name={a.typeIcon} size={20} />
          </span>
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={600} size="sm" td={a.status === 'cancelled' ? 'line-through' : undefined}>
              <Text span c="dimmed" size="sm">
                {a.typeName}:{' '}
              </Text>
              {a.title}
            </Text>
            <Group gap="xs">
              <DueBadge activity={a} />
              <Text size="xs">{due(a)}</Text>
              {a.recurring && (
                <Badge variant="dot" leftSection={<IconRepeat size={10} />} size="xs">
                  {t('crm.activities.recurring')}
                </Badge>
              )}
            </Group>
            {showSubject && a.subject && (
              <Text size="xs" c="dimmed">
                {a.subject.href ? (
                  <Anchor component={Link} href={a.subject.href} size="xs">
                    {a.subject.name}
                  </Anchor>
                ) : (
                  t('crm.activities.hidden_record')
                )}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {a.assigneeName ?? t('crm.activities.unassigned')}
            </Text>
            {a.attendees.length > 0 && (
              <Group gap={4} wrap="nowrap" align="flex-start">
                <IconUsers size={12} aria-hidden style={{ marginTop: 3, flexShrink: 0 }} />
                <Text size="xs" c="dimmed" data-testid="activity-attendees">
                  {t('crm.activities.attendees_label', { names: attendeesText(a) })}
                </Text>
              </Group>
            )}
            {a.outcome && <Text size="xs">{a.outcome}</Text>}
          </Stack>
        </Group>
        {a.editable && a.status !== 'cancelled' && (
          <Group gap="xs">
            {a.status === 'open' && (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconCheck size={14} />}
                onClick={() => setCompleting(true)}
              >
                {t('crm.activities.mark_done')}
              </Button>
            )}
            {form && (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconPencil size={14} />}
                onClick={() => setEditing(true)}
                aria-label={`${t('crm.activities.edit')}: ${a.title}`}
              >
                {t('crm.activities.edit_short')}
              </Button>
            )}
            {a.status === 'open' &&
              can('crm.activities.delete') &&
              (a.recurring ? (
                <SeriesCancelButton onCancel={cancel} />
              ) : (
                <ConfirmButton
                  size="xs"
                  variant="subtle"
                  label={t('crm.activities.cancel')}
                  title={t('crm.activities.cancel')}
                  message={a.title}
                  onConfirm={() => cancel()}
                />
              ))}
          </Group>
        )}
      </Group>
      {editing && form && (
        <ActivityForm
          opened
          activity={a}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false)
            onChanged()
          }}
          types={form.types}
          assignees={form.assignees}
          userId={form.userId}
        />
      )}
      {completing && (
        <CompleteModal
          activity={a}
          onClose={() => setCompleting(false)}
          onDone={() => {
            setCompleting(false)
            onChanged()
          }}
        />
      )}
    </Paper>
  )
}

/** Cancel an occurrence of a series: only this one, or this and the following (series stops). */
export function SeriesCancelButton({
  onCancel,
}: {
  onCancel: (series: 'one' | 'following') => void
}) {
  const { t } = useT()
  const [open, setOpen] = useState(false)
  const choose = (series: 'one' | 'following') => {
    setOpen(false)
    onCancel(series)
  }
  return (
    <>
      <Button size="xs" variant="subtle" color="red" onClick={() => setOpen(true)}>
        {t('crm.activities.cancel')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('crm.activities.cancel_series.title')}
        centered
      >
        <Text size="sm">{t('crm.activities.cancel_series.question')}</Text>
        <Stack gap="xs" mt="lg">
          <Button color="red" variant="light" onClick={() => choose('one')}>
            {t('crm.activities.cancel_series.one')}
          </Button>
          <Button color="red" onClick={() => choose('following')}>
            {t('crm.activities.cancel_series.following')}
          </Button>
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('crm.activities.cancel_series.keep')}
          </Button>
        </Stack>
      </Modal>
    </>
  )
}

/** Mark done with an outcome note; the type's chained activity is planned and announced. */
function CompleteModal({
  activity,
  onClose,
  onDone,
}: {
  activity: ActivityDto
  onClose: () => void
  onDone: () => void
}) {
  const { t } = useT()
  const [outcome, setOutcome] = useState('')
  const [scheduleNext, setScheduleNext] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const save = async () => {
    setBusy(true)
    const result = await apiJson<{ message: string; next: ActivityDto | null }>(
      'POST',
      `/crm/activities/${activity.id}/complete`,
      { outcome: outcome || null, scheduleNext }
    )
    setBusy(false)
    if (!result.ok) {
      setError(result.body.errors?.[0]?.message ?? result.body.message ?? String(result.status))
      return
    }
    notifications.show({ color: 'teal', message: result.body.message })
    if (result.body.next)
      notifications.show({
        color: 'blue',
        message: t('crm.activities.next_planned', { title: result.body.next.title }),
        autoClose: 8000,
      })
    onDone()
  }
  return (
    <Modal opened onClose={onClose} title={t('crm.activities.mark_done')}>
      <Stack>
        <Text size="sm" fw={600}>
          {activity.title}
        </Text>
        <Textarea
          label={t('crm.activities.fields.outcome')}
          placeholder={t('crm.activities.outcome_placeholder')}
          value={outcome}
          onChange={(e) => setOutcome(e.currentTarget.value)}
          autosize
          minRows={3}
          data-autofocus
          error={error}
        />
        <Checkbox
          label={t('crm.activities.schedule_next')}
          checked={scheduleNext}
          onChange={(e) => setScheduleNext(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('crm.activities.close')}
          </Button>
          <Button onClick={save} loading={busy} data-testid="complete-save">
            {t('crm.activities.mark_done')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
