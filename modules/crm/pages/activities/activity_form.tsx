import { useState } from 'react'
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
  TextInput,
  Textarea,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { RecordPicker, useCan, useT } from '~/ui'
import { apiJson } from '~/ui/api'
import type { ActivityTypeDto } from '../../dto/activities'

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
}

/**
 * Plan an activity: type, subject line, record, date and time (the browser's local time),
 * duration, assignee, reminder and repetition. Errors are shown on their fields and announced.
 */
export function ActivityForm(props: ActivityFormProps) {
  const { t } = useT()
  const first = props.types[0]
  const start = props.start ?? nextHour()
  const [typeId, setTypeId] = useState<string | null>(first ? String(first.id) : null)
  const [title, setTitle] = useState('')
  const [date, setDate] = useState(dateText(start))
  const [time, setTime] = useState(timeText(start))
  const [allDay, setAllDay] = useState(props.allDay ?? false)
  const [duration, setDuration] = useState<number | string>(first?.defaultDurationMin ?? 30)
  const [assignee, setAssignee] = useState<string | null>(String(props.userId))
  const [remind, setRemind] = useState<number | string>(15)
  const [notes, setNotes] = useState('')
  const [attendees, setAttendees] = useState<string[]>([])
  const can = useCan()
  // Only the record types the user may see: their lookups answer 403 otherwise.
  const pickable = PICKABLE.filter((p) => can(`${p.resource}.view`))
  const [pickType, setPickType] = useState(pickable[0]?.type ?? PICKABLE[0].type)
  const [record, setRecord] = useState<string | null>(null)
  const [repeat, setRepeat] = useState('none')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const subject = props.subject ?? (record ? { type: pickType, id: Number(record) } : null)

  const chooseType = (value: string | null) => {
    setTypeId(value)
    const type = props.types.find((x) => String(x.id) === value)
    if (type) setDuration(type.defaultDurationMin)
  }

  const save = async () => {
    setBusy(true)
    const due = new Date(`${date}T${allDay ? '00:00' : time || '00:00'}`)
    const result = await apiJson('POST', '/crm/activities', {
      typeId: Number(typeId),
      title,
      dueAt: Number.isNaN(due.getTime()) ? date : due.toISOString(),
      allDay,
      durationMin: Number(duration) || 0,
      assigneeId: assignee ? Number(assignee) : null,
      remindMinutes: remind === '' ? null : Number(remind),
      notes: notes || null,
      attendeeUserIds: attendees.map(Number),
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
    notifications.show({ color: 'teal', message: t('crm.activities.created') })
    setErrors({})
    props.onSaved()
  }

  const label = (key: string) => t(`crm.activities.fields.${key}`)
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('crm.activities.new')} size="lg">
      <Stack gap="sm" component="form" onSubmit={(e) => (e.preventDefault(), save())}>
        {errors._ && (
          <div role="alert" style={{ color: 'var(--mantine-color-red-7)' }}>
            {errors._}
          </div>
        )}
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
        {!props.subject && pickable.length > 0 && (
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
          <NumberInput
            label={label('remind')}
            value={remind}
            onChange={setRemind}
            min={0}
            step={5}
          />
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
        </SimpleGrid>
        <MultiSelect
          label={label('attendees')}
          data={props.assignees.filter((a) => a.value !== assignee)}
          value={attendees}
          onChange={setAttendees}
          searchable
          clearable
        />
        <Textarea
          label={label('notes')}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          autosize
          minRows={2}
        />
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

/** The next full hour from now (a sensible default start). */
function nextHour() {
  const d = new Date()
  d.setHours(d.getHours() + 1, 0, 0, 0)
  return d
}
