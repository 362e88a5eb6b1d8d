import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { errors as vineErrors } from '@vinejs/vine'
import { customFields } from './definitions.js'
import { customSnapshot, loadRecordValues } from './values.js'
import { validateCustomFields } from './validate.js'
import type { CustomField, FieldType, FieldValues } from './types.js'

/** A field as a form draws it (resources/js/ui/custom_fields). */
export interface CustomFieldInput {
  key: string
  label: string
  type: FieldType
  required: boolean
  decimals: number
  /** list / multi_list / user: the choices offered (active ones plus what the record holds). */
  options: { value: string; label: string }[]
}

/** A field's value as a record page shows it. */
export interface CustomFieldDisplay {
  key: string
  label: string
  type: FieldType
  /** The raw value (numbers, money, dates and booleans are formatted by the page). */
  value: FieldValues[string]
  /** Readable text of choices and users (null otherwise). */
  text: string | null
}

async function activeUsers(organizationId: number, keep: number[]) {
  const rows = await db
    .from('users')
    .where('organization_id', organizationId)
    .where((q) => {
      q.where('is_active', true)
      if (keep.length) q.orWhereIn('id', keep)
    })
    .orderBy('full_name')
    .select('id', 'full_name')
  return rows.map((r) => ({ value: String(r.id), label: String(r.full_name) }))
}

function choicesFor(field: CustomField, held: FieldValues[string]) {
  const keep = Array.isArray(held) ? held : held === null ? [] : [String(held)]
  return (field.options.choices ?? [])
    .filter((c) => c.active || keep.includes(c.code))
    .map((c) => ({ value: c.code, label: c.label }))
}

/**
 * The custom fields of a create/edit form with the record's current values (every active
 * field; a new record's are empty).
 */
export async function customFieldsForm(
  organizationId: number,
  resource: string,
  recordId: number | null
): Promise<{ customFields: CustomFieldInput[]; customValues: FieldValues }> {
  const fields = await customFields(organizationId, resource)
  const values = recordId
    ? await loadRecordValues(organizationId, resource, recordId)
    : Object.fromEntries(fields.map((f) => [f.key, f.type === 'multi_list' ? [] : null]))
  const heldUsers = fields
    .filter((f) => f.type === 'user' && values[f.key] !== null)
    .map((f) => Number(values[f.key]))
  const users = fields.some((f) => f.type === 'user')
    ? await activeUsers(organizationId, heldUsers)
    : []
  return {
    customFields: fields.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      required: f.required,
      decimals: f.options.decimals ?? 0,
      options: f.type === 'user' ? users : choicesFor(f, values[f.key]),
    })),
    customValues: values,
  }
}

/** A record's fields for its page, in order, with readable text for choices and users. */
export async function customFieldsDisplay(
  organizationId: number,
  resource: string,
  recordId: number
): Promise<CustomFieldDisplay[]> {
  const fields = await customFields(organizationId, resource)
  if (!fields.length) return []
  const values = await loadRecordValues(organizationId, resource, recordId)
  const snapshot = await customSnapshot(organizationId, resource, values)
  return fields.map((f) => ({
    key: f.key,
    label: f.label,
    type: f.type,
    value: values[f.key],
    text: ['list', 'multi_list', 'user'].includes(f.type)
      ? ((snapshot[`cf.${f.key}`] as string | undefined) ?? null)
      : null,
  }))
}

/**
 * Validates a form's built-in fields (`validate`, the module's VineJS validator) and its
 * `customFields` together, so every refusal shows at once next to its field; returns both.
 * `current`: the record's stored values when editing (a deactivated choice it holds stays valid).
 */
export async function validateWithCustomFields<T>(
  ctx: HttpContext,
  resource: string,
  validate: () => Promise<T>,
  current?: FieldValues
): Promise<{ data: T; custom: FieldValues }> {
  const checked = await validateCustomFields(
    ctx.organization.id,
    resource,
    ctx.request.input('customFields'),
    { current }
  )
  const messages = checked.errors.map((e) => ({
    field: e.field,
    rule: e.key,
    message: ctx.i18n.t(e.key, e.values),
  }))
  let data: T
  try {
    data = await validate()
  } catch (error) {
    if (error instanceof vineErrors.E_VALIDATION_ERROR && messages.length)
      throw new vineErrors.E_VALIDATION_ERROR([...(error.messages as object[]), ...messages])
    throw error
  }
  if (messages.length) throw new vineErrors.E_VALIDATION_ERROR(messages)
  return { data, custom: checked.values }
}
