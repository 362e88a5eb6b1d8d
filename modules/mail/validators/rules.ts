import vine from '@vinejs/vine'

/** A `matches` value must be a regular expression that compiles. */
const compiles = vine.createRule((value, _options, field) => {
  const parent = field.parent as { op?: string }
  if (parent?.op !== 'matches' || typeof value !== 'string') return
  try {
    new RegExp(value, 'i')
  } catch {
    field.report('La expresión {{ field }} no es válida', 'regex', field)
  }
})

const condition = vine.object({
  field: vine.enum(['from', 'to', 'cc', 'subject', 'body', 'header'] as const),
  header: vine
    .string()
    .trim()
    .maxLength(80)
    .regex(/^[A-Za-z0-9-]+$/)
    .optional()
    .requiredWhen('field', '=', 'header'),
  op: vine.enum(['contains', 'equals', 'starts_with', 'ends_with', 'matches'] as const),
  value: vine.string().trim().minLength(1).maxLength(500).use(compiles()),
})

const action = vine.object({
  type: vine.enum([
    'skip',
    'spam',
    'assign',
    'link',
    'tag',
    'create_lead',
    'create_contact',
  ] as const),
  userId: vine.number().withoutDecimals().positive().optional().requiredWhen('type', '=', 'assign'),
  record: vine.string().trim().maxLength(60).optional().requiredWhen('type', '=', 'link'),
  tag: vine.string().trim().maxLength(60).optional().requiredWhen('type', '=', 'tag'),
})

/** A capture rule as the admin form sends it (users and records are checked by the action). */
export const mailRuleValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(120),
    mailboxId: vine.number().withoutDecimals().positive().nullable().optional(),
    enabled: vine.boolean().optional(),
    match: vine.enum(['all', 'any'] as const),
    conditions: vine.array(condition).minLength(1).maxLength(20),
    actions: vine.array(action).minLength(1).maxLength(10),
    stop: vine.boolean().optional(),
  })
)

export type MailRuleData = Awaited<ReturnType<typeof mailRuleValidator.validate>>

export const moveMailRuleValidator = vine.compile(
  vine.object({ direction: vine.enum(['up', 'down'] as const) })
)

/** An address (ana@x.es) or a domain (x.es) whose mail is spam. */
export const blocklistValidator = vine.compile(
  vine.object({
    pattern: vine
      .string()
      .trim()
      .toLowerCase()
      .maxLength(254)
      .regex(/^([^\s@]+@)?[a-z0-9-]+(\.[a-z0-9-]+)+$/),
  })
)
