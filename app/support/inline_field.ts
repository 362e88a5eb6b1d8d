import type { HttpContext } from '@adonisjs/core/http'
import vine, { errors as vineErrors } from '@vinejs/vine'
import type { SchemaTypes } from '@vinejs/vine/types'
import { validateCustomFields } from '#app/custom_fields/validate'
import { loadRecordValues } from '#app/custom_fields/values'
import type { FieldValues } from '#app/custom_fields/types'
import { RuleError } from './rule_error.js'
import { translateRule } from './http.js'

/*
 * Inline editing (resources/js/ui/inline_field.tsx): one field of a record saved on its own,
 * `PATCH <record>/field` with `{ field, value }`. The value is checked by the rule the form's
 * validator holds for that field (the same VineJS schema, so the same messages), or by the
 * custom fields' checks for `cf.<key>`; the module's update action then writes it with the
 * record's other values unchanged, so audit, timeline, search index and caches follow as
 * after a form save. Refusals answer 422 `{ errors: [{ field, message }] }`.
 */

/** The rules a form's validator is built from: field → VineJS schema. */
export type FieldRules = Record<string, SchemaTypes>

/**
 * One validator per inline-editable field, picked from the form's rules (`editable` names the
 * simple fields; lists such as addresses keep the full form). Compiled once, on first use.
 */
export function inlineValidators<Meta extends Record<string, any>>(
  rules: FieldRules,
  editable: readonly string[]
) {
  const compiled = new Map<string, ReturnType<typeof compileOne<Meta>>>()
  return (field: string) => {
    if (!editable.includes(field) || !Object.hasOwn(rules, field)) return null
    let validator = compiled.get(field)
    if (!validator) {
      validator = compileOne<Meta>(field, rules[field])
      compiled.set(field, validator)
    }
    return validator
  }
}

function compileOne<Meta extends Record<string, any>>(field: string, rule: SchemaTypes) {
  return vine.withMetaData<Meta>().compile(vine.object({ [field]: rule }))
}

/** A refusal as the form shows it: 422 with the translated message under the field. */
export function fieldRefused(field: string, message: string): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, rule: 'inline', message }])
}

/** A value as the form would send it: trimmed text, an empty one as absent. */
function formValue(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? null : value
  return value
}

export interface InlineEdit<Data, Meta extends Record<string, any>> {
  /** The resource (`crm.companies`): its custom fields. */
  resource: string
  recordId: number
  validator: (field: string) => { validate: (data: any, options: any) => Promise<any> } | null
  meta: Meta
  /** The record's current values as the update action takes them (lists left out). */
  current: () => Promise<Data>
  /** Runs the module's update action with the new values. */
  save: (data: Data, customValues: FieldValues) => Promise<unknown>
}

/**
 * Validates `{ field, value }` of the request and saves it through `edit.save`. Returns the
 * field and the value as stored (normalised by the validator).
 */
export async function saveInlineField<
  Data extends Record<string, unknown>,
  Meta extends Record<string, any>,
>(ctx: HttpContext, edit: InlineEdit<Data, Meta>): Promise<{ field: string; value: unknown }> {
  const field = String(ctx.request.input('field') ?? '')
  const value = formValue(ctx.request.input('value'))
  const organizationId = ctx.organization.id
  try {
    if (field.startsWith('cf.')) {
      const key = field.slice(3)
      const current = await loadRecordValues(organizationId, edit.resource, edit.recordId)
      if (!Object.hasOwn(current, key)) fieldRefused('field', ctx.i18n.t('ui.inline.unknown'))
      const checked = await validateCustomFields(
        organizationId,
        edit.resource,
        { [key]: value },
        { current, partial: true }
      )
      if (checked.errors.length)
        fieldRefused(field, ctx.i18n.t(checked.errors[0].key, checked.errors[0].values))
      if (!Object.hasOwn(checked.values, key))
        fieldRefused('field', ctx.i18n.t('ui.inline.unknown'))
      await edit.save(await edit.current(), { [key]: checked.values[key] })
      return { field, value: checked.values[key] }
    }
    const validator = edit.validator(field)
    if (!validator) fieldRefused('field', ctx.i18n.t('ui.inline.unknown'))
    const valid = await ctx.request.validateUsing(validator as any, {
      data: { [field]: value },
      meta: edit.meta,
    })
    const data = { ...(await edit.current()), [field]: (valid as Record<string, unknown>)[field] }
    await edit.save(data, {})
    return { field, value: data[field] }
  } catch (error) {
    if (!(error instanceof RuleError)) throw error
    fieldRefused(error.field ?? field, translateRule(ctx, error.key, error.values))
  }
}
