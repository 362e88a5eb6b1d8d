import { useEffect, useRef, useState } from 'react'
import { Head } from '@inertiajs/react'
import { Group, Paper, Select } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import FullCalendar from '@fullcalendar/react'
import type { EventChangeArg, EventClickArg, EventContentArg, EventInput } from '@fullcalendar/core'
import esLocale from '@fullcalendar/core/locales/es'
import dayGridPlugin from '@fullcalendar/daygrid'
import timeGridPlugin from '@fullcalendar/timegrid'
import listPlugin from '@fullcalendar/list'
import interactionPlugin, { type DateClickArg } from '@fullcalendar/interaction'
import { PageHeader, useT } from '~/ui'
import { apiJson } from '~/ui/api'
import type { ActivityDto, ActivityTypeDto } from '../../dto/activities'
import { ActivityForm } from './activity_form'
import { DUE_COLORS, useAttendeesText } from './activity_item'
import { FeedCard } from './feed_card'

const MINUTE = 60_000
const TIME = { hour: '2-digit', minute: '2-digit', hour12: false } as const

/**
 * The calendar (FullCalendar, MIT): month / week / day / agenda, Monday first, 24 h, of the
 * reader or of anyone in her scope ("todo mi equipo"); drag to move, resize to change the
 * duration (a refused change goes back), click a slot to plan an activity there, click an
 * event to open it in the edit form. Events name their attendees.
 */
export default function Calendar({
  types,
  users,
  feed,
  canCreate,
  userId,
}: {
  types: ActivityTypeDto[]
  users: { value: string; label: string }[]
  feed: { since: string | null }
  canCreate: boolean
  userId: number
}) {
  const { t, locale } = useT()
  const narrow = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false })
  const calendar = useRef<FullCalendar>(null)
  const [whose, setWhose] = useState(String(userId))
  const [slot, setSlot] = useState<{ start: Date; allDay: boolean } | null>(null)
  const [editing, setEditing] = useState<ActivityDto | null>(null)
  const attendeesText = useAttendeesText()
  const refetch = () => calendar.current?.getApi().refetchEvents()
  // A phone shows the agenda (a week grid is unreadable at 375 px).
  useEffect(() => {
    calendar.current?.getApi().changeView(narrow ? 'listWeek' : 'timeGridWeek')
  }, [narrow])

  const load = async (range: { start: Date; end: Date }): Promise<EventInput[]> => {
    const qs = new URLSearchParams({
      start: range.start.toISOString(),
      end: range.end.toISOString(),
      user: whose,
    })
    const result = await apiJson<(ActivityDto & { end: string })[]>(
      'GET',
      `/crm/calendar/events?${qs}`
    )
    if (!result.ok) throw new Error(String(result.status))
    return (result.body as unknown as (ActivityDto & { end: string })[]).map((a) => ({
      id: String(a.id),
      title: `${a.typeName}: ${a.title}`,
      start: a.dueAt,
      end: a.allDay ? undefined : a.end,
      allDay: a.allDay,
      editable: a.editable && a.status === 'open',
      backgroundColor: `var(--mantine-color-${a.typeColor}-6)`,
      borderColor: `var(--mantine-color-${DUE_COLORS[a.dueClass]}-7)`,
      classNames: [`due-${a.dueClass}`, a.status === 'done' ? 'activity-done' : ''],
      extendedProps: { dueClass: a.dueClass, attendees: attendeesText(a) },
    }))
  }

  // An event opens in the form (a read-only one too: the server refuses what she may not do).
  const open = async (info: EventClickArg) => {
    info.jsEvent.preventDefault()
    const result = await apiJson<ActivityDto>('GET', `/crm/activities/${info.event.id}`)
    if (result.ok) setEditing(result.body as unknown as ActivityDto)
  }

  /** The event's time and title, and its attendees on a second line. */
  const content = (arg: EventContentArg) => {
    const attendees = String(arg.event.extendedProps.attendees ?? '')
    if (arg.view.type.startsWith('list'))
      return (
        <span>
          {arg.event.title}
          {attendees && (
            <span
              style={{ display: 'block', fontSize: '0.8em', opacity: 0.8 }}
              data-testid="event-attendees"
            >
              {t('crm.activities.attendees_label', { names: attendees })}
            </span>
          )}
        </span>
      )
    return (
      <div className="fc-event-main-frame" style={{ overflow: 'hidden' }}>
        {arg.timeText && <div className="fc-event-time">{arg.timeText}</div>}
        <div className="fc-event-title-container">
          <div className="fc-event-title">{arg.event.title}</div>
          {attendees && (
            <div style={{ fontSize: '0.75em', opacity: 0.9 }} data-testid="event-attendees">
              {t('crm.activities.attendees_label', { names: attendees })}
            </div>
          )}
        </div>
      </div>
    )
  }

  const change = async (info: EventChangeArg) => {
    const { event } = info
    const start = event.start!
    const end = event.end
    const result = await apiJson('PATCH', `/crm/activities/${event.id}/move`, {
      dueAt: start.toISOString(),
      allDay: event.allDay,
      ...(end ? { durationMin: Math.round((end.getTime() - start.getTime()) / MINUTE) } : {}),
    })
    if (!result.ok) {
      info.revert()
      notifications.show({ color: 'red', message: t('crm.activities.errors.move_refused') })
    }
  }

  return (
    <>
      <Head title={t('crm.calendar.title')} />
      <PageHeader title={t('crm.calendar.title')} />
      {users.length > 1 && (
        <Group mb="sm">
          <Select
            label={t('crm.calendar.whose')}
            data={[{ value: 'team', label: t('crm.calendar.team') }, ...users]}
            value={whose}
            onChange={(v) => {
              setWhose(v ?? String(userId))
              // The events source reads `whose` on the next fetch.
              setTimeout(refetch, 0)
            }}
            allowDeselect={false}
            searchable
            w={240}
          />
        </Group>
      )}
      <Paper withBorder radius="md" p="sm" data-testid="calendar">
        {/* FullCalendar's title is an h2 sized for desktops. */}
        <style>
          {'.fc .fc-toolbar-title{font-size:1.25rem}.fc .fc-toolbar{flex-wrap:wrap;gap:8px}'}
        </style>
        <FullCalendar
          ref={calendar}
          plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin]}
          locales={[esLocale]}
          locale={locale}
          firstDay={1}
          initialView={narrow ? 'listWeek' : 'timeGridWeek'}
          headerToolbar={{
            left: 'prev,next today',
            center: 'title',
            right: narrow
              ? 'listWeek,timeGridDay'
              : 'dayGridMonth,timeGridWeek,timeGridDay,listWeek',
          }}
          slotLabelFormat={TIME}
          eventTimeFormat={TIME}
          slotMinTime="07:00:00"
          scrollTime="08:00:00"
          nowIndicator
          height="auto"
          editable
          eventDurationEditable
          events={(range, success, failure) => {
            load(range).then(success, failure)
          }}
          eventDrop={change}
          eventResize={change}
          eventClick={open}
          eventContent={content}
          dateClick={(info: DateClickArg) =>
            canCreate && setSlot({ start: info.date, allDay: info.allDay })
          }
        />
      </Paper>
      <FeedCard feed={feed} />
      {editing && (
        <ActivityForm
          opened
          activity={editing}
          onClose={() => setEditing(null)}
          onSaved={() => (setEditing(null), refetch())}
          types={types}
          assignees={users}
          userId={userId}
        />
      )}
      {slot && (
        <ActivityForm
          opened
          onClose={() => setSlot(null)}
          onSaved={() => (setSlot(null), refetch())}
          types={types}
          assignees={users}
          userId={userId}
          start={slot.start}
          allDay={slot.allDay}
        />
      )}
    </>
  )
}
