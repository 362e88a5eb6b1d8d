import { useEffect, useMemo, useState } from 'react'
import {
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { RecordPicker, useCan, useT } from '~/ui'
import { apiJson } from '~/ui/api'
import type { ActivityDto, ActivityTypeDto } from '../../dto/activities'

/** Record types the global form can pick from, with their lookup (crm.<thing>.lookup routes). */
const PICKABLE = [
  { type: 'crm.company', resource: 'crm.companies', label: 'crm.companies.one' },
  { type: 'crm.contact', resource: 'crm.contacts', label: 'crm.contacts.one' },
  { type: 'crm.lead', resource: 'crm.leads', label: 'crm.leads.one' },
  { type: 'crm.opportunity', resource: 'crm.opportunities', label: 'crm.opportunities.one' },
].map((p) => ({ ...p, lookup: `/${p.resource.replace('.', '/')}/lookup` }))

const pad = (n: number) => String(n).padStart(2, '0')
const dateText = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
const timeText = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`

/** The reminder lead times offered (minutes before; `none`: no reminder). */
export const REMIND_CHOICES = ['none', '0', '5', '10', '15', '30', '60', '1440']
export const remindValue = (minutes: number | null) => (minutes === null ? 'none' : String(minutes))

type Option = { value: string; label: string }

export interface ActivityFormProps {
  opened: boolean
  onClose: () => void
  onSaved: () => void
  types: ActivityTypeDto[]
  assignees: { value: string; label: string }[]
  userId: number
  /** The record the activity is planned on (its page's panel); else picked in the form. */
  subject?: { type: string; id: number } | null
  /** Start proposed by a calendar slot. */
  start?: Date | null
  allDay?: boolean
  /** Editing this activity (else planning a new one). */
  activity?: ActivityDto | null
  /** The user's default reminder lead time (read from her preferences when not given). */
  remindDefault?: number | null
}

/**
 * Plan or edit an activity: type, subject line, record, date and time (the browser's local
 * time), duration, assignee, attendees (users and contacts, the record's contacts first),
 * reminder and repetition. A done activity only takes its outcome. Errors are shown on their
 * fields and announced.
 */
export function ActivityForm(props: ActivityFormProps) {
  const { t } = useT()
  const editing = props.activity ?? null
  const first = editing
    ? (props.types.find((x) => x.id === editing.typeId) ?? props.types[0])
    : props.types[0]
  const start = editing ? new Date(editing.dueAt) : (props.start ?? nextHour())
  const [typeId, setTypeId] = useState<string | null>(
    editing ? String(editing.typeId) : first ? String(first.id) : null
  )
  const [title, setTitle] = useState(editing?.title ?? '')
  const [date, setDate] = useState(dateText(start))
  const [time, setTime] = useState(timeText(start))
  const [allDay, setAllDay] = useState(editing?.allDay ?? props.allDay ?? false)
  const [duration, setDuration] = useState<number | string>(
    editing?.durationMin ?? first?.defaultDurationMin ?? 30
  )
  const [assignee, setAssignee] = useState<string | null>(
    editing
      ? editing.assigneeId === null
        ? null
        : String(editing.assigneeId)
      : String(props.userId)
  )
  const [remind, setRemind] = useState<string>(
    editing
      ? remindValue(editing.remindMinutes)
      : props.remindDefault !== undefined
        ? remindValue(props.remindDefault)
        : '15'
  )
  const [notes, setNotes] = useState(editing?.notes ?? '')
  const [outcome, setOutcome] = useState(editing?.outcome ?? '')
  const [attendees, setAttendees] = useState<string[]>(
    editing?.attendees.filter((a) => a.kind === 'user').map((a) => String(a.id)) ?? []
  )
  const [contacts, setContacts] = useState<string[]>(
    editing?.attendees.filter((a) => a.kind === 'contact').map((a) => String(a.id)) ?? []
  )
  // Every contact option seen (selected ones keep their label while the search changes).
  const [known, setKnown] = useState<Map<string, Option & { suggested: boolean }>>(
    () =>
      new Map(
        (editing?.attendees ?? [])
          .filter((a) => a.kind === 'contact')
          .map((a) => [
            String(a.id),
            {
              value: String(a.id),
              label: a.name ?? t('crm.activities.hidden_contact'),
              suggested: true,
            },
          ])
      )
  )
  const [hits, setHits] = useState<string[]>([])
  const [search, setSearch] = useState('')
  const can = useCan()
  // Only the record types the user may see: their lookups answer 403 otherwise.
  const pickable = PICKABLE.filter((p) => can(`${p.resource}.view`))
  const [pickType, setPickType] = useState(pickable[0]?.type ?? PICKABLE[0].type)
  const [record, setRecord] = useState<string | null>(null)
  const [repeat, setRepeat] = useState('none')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const subject =
    props.subject ??
    (editing?.subject ? { type: editing.subject.type, id: editing.subject.id } : null) ??
    (record ? { type: pickType, id: Number(record) } : null)
  const canContacts = can('crm.contacts.view')

  // The planner's default lead time, when the page did not give it.
  useEffect(() => {
    if (editing || props.remindDefault !== undefined) return
    let live = true
    apiJson<{ remindMinutes: number | null }>('GET', '/crm/activities/preferences').then((r) => {
      if (live && r.ok) setRemind(remindValue(r.body.remindMinutes))
    })
    return () => {
      live = false
    }
  }, [editing, props.remindDefault])

  // Contacts to invite: the record's first, then what the search finds.
  const subjectKey = subject ? `${subject.type}:${subject.id}` : ''
  useEffect(() => {
    if (!canContacts) return
    let live = true
    const timer = setTimeout(async () => {
      const qs = new URLSearchParams()
      if (subject) {
        qs.set('subjectType', subject.type)
        qs.set('subjectId', String(subject.id))
      }
      if (search.trim()) qs.set('q', search.trim())
      const result = await apiJson<(Option & { suggested: boolean })[]>(
        'GET',
        `/crm/activities/contact-options?${qs}`
      )
      if (!live || !result.ok) return
      const options = result.body as unknown as (Option & { suggested: boolean })[]
      setKnown((old) => {
        const next = new Map(old)
        for (const o of options) next.set(o.value, o)
        return next
      })
      setHits(options.map((o) => o.value))
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [subjectKey, search, canContacts])

  const contactData = useMemo(() => {
    const shown = new Set([...contacts, ...hits])
    const options = [...shown]
      .map((v) => known.get(v))
      .filter((o): o is Option & { suggested: boolean } => !!o)
    const groups = [
      {
        group: t('crm.activities.suggested'),
        items: options.filter((o) => o.suggested).map(({ value, label }) => ({ value, label })),
      },
      {
        group: t('crm.activities.others'),
        items: options.filter((o) => !o.suggested).map(({ value, label }) => ({ value, label })),
      },
    ]
    return groups.filter((g) => g.items.length)
  }, [contacts, hits, known, t])

  const chooseType = (value: string | null) => {
    setTypeId(value)
    const type = props.types.find((x) => String(x.id) === value)
    if (type) setDuration(type.defaultDurationMin)
  }

  const done = editing !== null && editing.status !== 'open'
  const save = async () => {
    setBusy(true)
    const due = new Date(`${date}T${allDay ? '00:00' : time || '00:00'}`)
    const fields = {
      typeId: Number(typeId),
      title,
      dueAt: Number.isNaN(due.getTime()) ? date : due.toISOString(),
      allDay,
      durationMin: Number(duration) || 0,
      assigneeId: assignee ? Number(assignee) : null,
      remindMinutes: remind === 'none' ? null : Number(remind),
      notes: notes || null,
      attendeeUserIds: attendees.map(Number),
      attendeeContactIds: contacts.map(Number),
    }
    const result = editing
      ? await apiJson(
          'PUT',
          `/crm/activities/${editing.id}`,
          done ? { outcome: outcome || null } : fields
        )
      : await apiJson('POST', '/crm/activities', {
          ...fields,
          ...(subject ? { subjectType: subject.type, subjectId: subject.id } : {}),
          ...(repeat !== 'none' ? { recurrence: { frequency: repeat, interval: 1 } } : {}),
        })
    setBusy(false)
    if (!result.ok) {
      const found: Record<string, string> = {}
      for (const e of result.body.errors ?? []) found[e.field ?? '_'] = e.message
      if (!Object.keys(found).length) found._ = result.body.message ?? String(result.status)
      setErrors(found)
      return
    }
    notifications.show({
      color: 'teal',
      message: t(editing ? 'crm.activities.updated' : 'crm.activities.created'),
    })
    setErrors({})
    props.onSaved()
  }

  const label = (key: string) => t(`crm.activities.fields.${key}`)
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t(editing ? 'crm.activities.edit' : 'crm.activities.new')}
      size="lg"
    >
      <Stack gap="sm" component="form" onSubmit={(e) => (e.preventDefault(), save())}>
        {(errors._ || Object.keys(errors).length > 0) && (
          <div role="alert" style={{ color: 'var(--mantine-color-red-7)' }}>
            {errors._ ?? Object.values(errors)[0]}
          </div>
        )}
        {done && editing ? (
          <>
            <Text size="sm" fw={600}>
              {editing.typeName}: {editing.title}
            </Text>
            <Text size="sm" c="dimmed">
              {t('crm.activities.edit_done_help')}
            </Text>
            <Textarea
              label={label('outcome')}
              value={outcome}
              onChange={(e) => setOutcome(e.currentTarget.value)}
              error={errors.outcome}
              autosize
              minRows={3}
              data-autofocus
            />
          </>
        ) : (
          <>
            <Select
              label={label('type')}
              data={props.types.map((x) => ({ value: String(x.id), label: x.name }))}
              value={typeId}
              onChange={chooseType}
              error={errors.typeId}
              allowDeselect={false}
              required
            />
            <TextInput
              label={label('title')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={errors.title}
              required
              data-autofocus
              name="title"
            />
            {!props.subject && !editing && pickable.length > 0 && (
              <Group align="flex-end" gap="xs" wrap="wrap">
                {/* A select, not a segmented control: four types do not fit 375 px in a row. */}
                <Select
                  aria-label={label('record')}
                  w={170}
                  allowDeselect={false}
                  value={pickType}
                  onChange={(v) => v && (setPickType(v), setRecord(null))}
                  data={pickable.map((p) => ({ value: p.type, label: t(p.label) }))}
                />
                <RecordPicker
                  key={pickType}
                  style={{ flex: 1, minWidth: 200 }}
                  label={label('record')}
                  searchUrl={PICKABLE.find((p) => p.type === pickType)!.lookup}
                  initial={[]}
                  value={record}
                  onChange={setRecord}
                  error={errors.subjectId}
                />
              </Group>
            )}
            <SimpleGrid cols={{ base: 1, xs: 3 }}>
              <TextInput
                type="date"
                label={label('date')}
                value={date}
                onChange={(e) => setDate(e.currentTarget.value)}
                error={errors.dueAt}
                required
                name="date"
              />
              <TextInput
                type="time"
                label={label('time')}
                value={time}
                onChange={(e) => setTime(e.currentTarget.value)}
                disabled={allDay}
                name="time"
              />
              <NumberInput
                label={label('duration')}
                value={duration}
                onChange={setDuration}
                min={0}
                step={15}
                error={errors.durationMin}
              />
            </SimpleGrid>
            <Checkbox
              label={label('allDay')}
              checked={allDay}
              onChange={(e) => setAllDay(e.currentTarget.checked)}
            />
            <SimpleGrid cols={{ base: 1, xs: 3 }}>
              <Select
                label={label('assignee')}
                data={props.assignees}
                value={assignee}
                onChange={setAssignee}
                error={errors.assigneeId}
                searchable
              />
              <Select
                label={label('remind')}
                value={remind}
                onChange={(v) => setRemind(v ?? 'none')}
                allowDeselect={false}
                error={errors.remindMinutes}
                data={remindOptions(remind).map((v) => ({
                  value: v,
                  label: REMIND_CHOICES.includes(v)
                    ? t(`crm.activities.remind_options.${v}`)
                    : t('crm.activities.remind_options.custom', { minutes: v }),
                }))}
              />
              {!editing && (
                <Select
                  label={label('repeat')}
                  value={repeat}
                  onChange={(v) => setRepeat(v ?? 'none')}
                  allowDeselect={false}
                  data={['none', 'daily', 'weekly', 'monthly'].map((v) => ({
                    value: v,
                    label: t(`crm.activities.frequency.${v}`),
                  }))}
                />
              )}
            </SimpleGrid>
            <MultiSelect
              label={t('crm.activities.attendee_users')}
              data={withSelected(
                props.assignees.filter((a) => a.value !== assignee),
                attendees,
                editing
              )}
              value={attendees}
              onChange={setAttendees}
              error={errors.attendeeUserIds}
              searchable
              clearable
            />
            {canContacts && (
              <MultiSelect
                label={t('crm.activities.attendee_contacts')}
                description={t('crm.activities.attendee_contacts_help')}
                data={contactData}
                value={contacts}
                onChange={setContacts}
                searchValue={search}
                onSearchChange={setSearch}
                filter={({ options }) => options}
                error={errors.attendeeContactIds}
                searchable
                clearable
                data-testid="attendee-contacts"
              />
            )}
            <Textarea
              label={label('notes')}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              autosize
              minRows={2}
            />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('crm.activities.close')}
          </Button>
          <Button type="submit" loading={busy} data-testid="activity-save">
            {t('crm.activities.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

/** The offered lead times, plus an unusual one an activity already has (kept as it is). */
function remindOptions(current: string) {
  return REMIND_CHOICES.includes(current) ? REMIND_CHOICES : [...REMIND_CHOICES, current]
}

/** Users already attending keep their name even when no longer assignable. */
function withSelected(options: Option[], selected: string[], editing: ActivityDto | null) {
  const have = new Set(options.map((o) => o.value))
  const extra = (editing?.attendees ?? [])
    .filter((a) => a.kind === 'user' && selected.includes(String(a.id)) && !have.has(String(a.id)))
    .map((a) => ({ value: String(a.id), label: a.name ?? String(a.id) }))
  return [...options, ...extra]
}

/** The next full hour from now (a sensible default start). */
function nextHour() {
  const d = new Date()
  d.setHours(d.getHours() + 1, 0, 0, 0)
  return d
}
