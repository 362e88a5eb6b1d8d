import db from '@adonisjs/lucid/services/db'
import { defaultCurrency } from '#app/settings/currencies'
import { customFields } from './definitions.js'
import { fromMinor, plainDecimal, toMinor } from './values.js'
import type { CustomField, FieldValue, FieldValues } from './types.js'

/** One refused value: where the form shows it (`customFields.<key>`) and its i18n message. */
export interface FieldError {
  field: string
  key: string
  values: Record<string, unknown>
}

export interface ValidateOptions {
  /** What the record holds now: a deactivated choice or user it has stays valid. */
  current?: FieldValues
  /** Only the keys present in the input (import of some columns); others are left as they are. */
  partial?: boolean
}

// At most 12 whole digits: the column is decimal(20, 6), and money in minor units stays a safe integer.
const DECIMAL = /^-?\d{1,12}(?:[.,]\d+)?$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

function isEmpty(v: unknown) {
  return (
    v === null ||
    v === undefined ||
    (typeof v === 'string' && v.trim() === '') ||
    (Array.isArray(v) && v.length === 0)
  )
}

function validDate(text: string) {
  if (!DATE.test(text)) return false
  const d = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text
}

function toBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v
  const t = String(v).trim().toLowerCase()
  if (['1', 'true', 'on', 'yes', 'si', 'sí', 'x'].includes(t)) return true
  if (['0', 'false', 'off', 'no'].includes(t)) return false
  return undefined
}

function decimals(text: string) {
  const [, fraction = ''] = text.replace(',', '.').split('.')
  return fraction.length
}

/** A choice code: the code itself, or a label typed instead (imports match labels too). */
function choiceCode(field: CustomField, v: string): string | undefined {
  const choices = field.options.choices ?? []
  const t = v.trim()
  return (
    choices.find((c) => c.code === t)?.code ??
    choices.find((c) => c.label.toLowerCase() === t.toLowerCase())?.code
  )
}

/**
 * Checks submitted values (`input`: key → raw value) against the resource's active fields and
 * returns them normalised (FieldValues) with every refusal, keyed so the form shows each next to
 * its field. Values of unknown or deactivated fields are ignored.
 */
export async function validateCustomFields(
  organizationId: number,
  resource: string,
  input: unknown,
  options: ValidateOptions = {}
): Promise<{ values: FieldValues; errors: FieldError[] }> {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>
  const fields = await customFields(organizationId, resource)
  const values: FieldValues = {}
  const errors: FieldError[] = []
  const userIds: { field: CustomField; id: number }[] = []
  for (const field of fields) {
    if (options.partial && !(field.key in raw)) continue
    const report = (rule: string, extra: Record<string, unknown> = {}) =>
      errors.push({
        field: `customFields.${field.key}`,
        key: `custom_fields.errors.${rule}`,
        values: { field: field.label, ...extra },
      })
    const v = raw[field.key]
    if (field.type === 'boolean') {
      const b = isEmpty(v) ? null : toBoolean(v)
      if (b === undefined) report('boolean')
      else if (b === null && field.required) report('required')
      else values[field.key] = b
      continue
    }
    if (isEmpty(v)) {
      if (field.required) report('required')
      else values[field.key] = field.type === 'multi_list' ? [] : null
      continue
    }
    const text = Array.isArray(v) ? '' : String(v).trim()
    const current = options.current?.[field.key]
    switch (field.type) {
      case 'text':
      case 'long_text': {
        const max = field.type === 'text' ? 255 : 10000
        if (text.length > max) report('max_length', { max })
        else values[field.key] = text
        break
      }
      case 'link': {
        let ok = text.length <= 255
        try {
          ok &&= ['http:', 'https:'].includes(new URL(text).protocol)
        } catch {
          ok = false
        }
        if (ok) values[field.key] = text
        else report('link')
        break
      }
      case 'number':
      case 'money': {
        const places =
          field.type === 'money'
            ? (await defaultCurrency(organizationId)).decimals
            : (field.options.decimals ?? 0)
        if (!DECIMAL.test(text)) report('number')
        else if (decimals(text) > places) report('decimals', { decimals: places })
        else {
          const dotted = text.replace(',', '.')
          // As the database gives it back, so an unchanged value is no change.
          values[field.key] =
            field.type === 'money'
              ? fromMinor(toMinor(dotted, places), places)
              : plainDecimal(dotted)
        }
        break
      }
      case 'date':
        if (validDate(text)) values[field.key] = text
        else report('date')
        break
      case 'list': {
        const code = choiceCode(field, text)
        const choice = field.options.choices?.find((c) => c.code === code)
        if (!choice) report('choice')
        else if (!choice.active && current !== code) report('choice_inactive')
        else values[field.key] = code!
        break
      }
      case 'multi_list': {
        const list = Array.isArray(v) ? v.map(String) : text.split(/[;|]/)
        const held = Array.isArray(current) ? current : []
        const codes: string[] = []
        for (const item of list.filter((s) => s.trim())) {
          const code = choiceCode(field, item)
          const choice = field.options.choices?.find((c) => c.code === code)
          if (!choice) report('choice')
          else if (!choice.active && !held.includes(code!)) report('choice_inactive')
          else if (!codes.includes(code!)) codes.push(code!)
        }
        values[field.key] = codes
        break
      }
      case 'user': {
        const id = Number(v)
        if (!Number.isInteger(id) || id <= 0) report('user')
        else {
          userIds.push({ field, id })
          values[field.key] = id
        }
        break
      }
    }
  }
  if (userIds.length) {
    const rows = await db
      .from('users')
      .where('organization_id', organizationId)
      .whereIn('id', [...new Set(userIds.map((u) => u.id))])
      .select('id', 'is_active')
    const found = new Map(rows.map((r) => [Number(r.id), Boolean(r.is_active)]))
    for (const { field, id } of userIds) {
      const active = found.get(id)
      if (active === undefined || (!active && options.current?.[field.key] !== id)) {
        delete values[field.key]
        errors.push({
          field: `customFields.${field.key}`,
          key: 'custom_fields.errors.user',
          values: { field: field.label },
        })
      }
    }
  }
  return { values, errors }
}

export type { FieldValue }
