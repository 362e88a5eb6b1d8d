import vine from '@vinejs/vine'

/*
 * Explicit allow-lists: organization, creator, status, rule and recurrence keys never come from
 * a form. Instants are ISO 8601 strings with their offset (the browser's local time).
 */

/** An ISO 8601 instant; rewritten to a Date. */
const instant = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const date = new Date(value)
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d\d-\d\d/.test(value))
    return field.report('La fecha {{ field }} no es válida', 'date', field)
  field.mutate(date, field)
})

const SUBJECT_TYPES = /^crm\.[a-z_]{2,30}$/

export const activityValidator = vine.compile(
  vine.object({
    typeId: vine.number().withoutDecimals().positive(),
    subjectType: vine.string().trim().regex(SUBJECT_TYPES).optional().requiredIfExists('subjectId'),
    subjectId: vine
      .number()
      .withoutDecimals()
      .positive()
      .optional()
      .requiredIfExists('subjectType'),
    title: vine.string().trim().minLength(1).maxLength(200),
    notes: vine.string().trim().maxLength(5000).nullable().optional(),
    dueAt: vine.string().trim().use(instant()),
    allDay: vine.boolean().optional(),
    durationMin: vine
      .number()
      .withoutDecimals()
      .min(0)
      .max(24 * 60 * 14)
      .optional(),
    assigneeId: vine.number().withoutDecimals().positive().nullable().optional(),
    attendeeUserIds: vine
      .array(vine.number().withoutDecimals().positive())
      .maxLength(50)
      .optional(),
    attendeeContactIds: vine
      .array(vine.number().withoutDecimals().positive())
      .maxLength(50)
      .optional(),
    /** Minutes before the due time for the reminder; null: none. */
    remindMinutes: vine
      .number()
      .withoutDecimals()
      .min(0)
      .max(60 * 24 * 14)
      .nullable()
      .optional(),
    /** Repeat on the record: every `interval` days/weeks/months until a date (optional). */
    recurrence: vine
      .object({
        frequency: vine.enum(['daily', 'weekly', 'monthly'] as const),
        interval: vine.number().withoutDecimals().min(1).max(12).optional(),
        until: vine.string().trim().use(instant()).nullable().optional(),
      })
      .nullable()
      .optional(),
  })
)

export type ActivityData = Awaited<ReturnType<typeof activityValidator.validate>>

/** The reminder lead times the forms offer (minutes before; null: none). */
const remindMinutes = () =>
  vine.number().withoutDecimals().in([0, 5, 10, 15, 30, 60, 1440]).nullable()

/**
 * An edit: every field optional (what is absent stays as it is). Attendees, when given, are
 * the whole new list. `outcome` only for a done activity.
 */
export const updateActivityValidator = vine.compile(
  vine.object({
    typeId: vine.number().withoutDecimals().positive().optional(),
    title: vine.string().trim().minLength(1).maxLength(200).optional(),
    notes: vine.string().trim().maxLength(5000).nullable().optional(),
    dueAt: vine.string().trim().use(instant()).optional(),
    allDay: vine.boolean().optional(),
    durationMin: vine
      .number()
      .withoutDecimals()
      .min(0)
      .max(24 * 60 * 14)
      .optional(),
    assigneeId: vine.number().withoutDecimals().positive().nullable().optional(),
    attendeeUserIds: vine
      .array(vine.number().withoutDecimals().positive())
      .maxLength(50)
      .optional(),
    attendeeContactIds: vine
      .array(vine.number().withoutDecimals().positive())
      .maxLength(50)
      .optional(),
    remindMinutes: remindMinutes().optional(),
    outcome: vine.string().trim().maxLength(5000).nullable().optional(),
  })
)

export type ActivityUpdate = Awaited<ReturnType<typeof updateActivityValidator.validate>>

/** "Preferencias de actividades": the default reminder lead time. */
export const preferencesValidator = vine.compile(
  vine.object({
    remindMinutes: remindMinutes(),
  })
)

/** Cancel one occurrence, or this one and the following ones (the series stops). */
export const cancelValidator = vine.compile(
  vine.object({
    series: vine.enum(['one', 'following'] as const).optional(),
  })
)

export const completeValidator = vine.compile(
  vine.object({
    outcome: vine.string().trim().maxLength(5000).nullable().optional(),
    /** Schedule the type's chained next activity (default yes). */
    scheduleNext: vine.boolean().optional(),
  })
)

/** A drag on the calendar: new start, and a new duration when resized. */
export const moveValidator = vine.compile(
  vine.object({
    dueAt: vine.string().trim().use(instant()),
    allDay: vine.boolean().optional(),
    durationMin: vine
      .number()
      .withoutDecimals()
      .min(0)
      .max(24 * 60 * 14)
      .optional(),
  })
)

export const listValidator = vine.compile(
  vine.object({
    type: vine.number().withoutDecimals().positive().optional(),
    status: vine.enum(['open', 'done', 'cancelled', 'all']).optional(),
    period: vine.enum(['overdue', 'today', 'week', 'future', 'all']).optional(),
    /** A user id, or `all` (everyone in the reader's scope); default the reader. */
    assignee: vine
      .string()
      .trim()
      .regex(/^(all|\d{1,10})$/)
      .optional(),
    cursor: vine.string().trim().maxLength(100).optional(),
  })
)

export const rangeValidator = vine.compile(
  vine.object({
    start: vine.string().trim().use(instant()),
    end: vine.string().trim().use(instant()),
    /** A teammate's calendar, or `team` for everyone in the reader's scope. */
    user: vine.string().trim().maxLength(20).optional(),
  })
)

export const typeValidator = vine.compile(
  vine.object({
    nameEs: vine.string().trim().minLength(1).maxLength(80),
    nameEn: vine.string().trim().minLength(1).maxLength(80),
    icon: vine
      .string()
      .trim()
      .regex(/^[a-z0-9-]{2,40}$/),
    color: vine
      .string()
      .trim()
      .regex(/^[a-z]{3,20}$/),
    defaultDelayDays: vine.number().withoutDecimals().min(0).max(365),
    defaultDurationMin: vine
      .number()
      .withoutDecimals()
      .min(0)
      .max(24 * 60),
    nextTypeId: vine.number().withoutDecimals().positive().nullable().optional(),
    nextDelayDays: vine.number().withoutDecimals().min(0).max(365).nullable().optional(),
    active: vine.boolean().optional(),
  })
)
