import type { HttpContext } from '@adonisjs/core/http'
import encryption from '@adonisjs/core/services/encryption'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
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

/** The save's transaction (not the global `db` inside it: SQLite has one connection). */
export type InlineTrx = TransactionClientContract

export interface InlineEdit<Data, Meta extends Record<string, any>> {
  /** The resource (`crm.companies`): its custom fields. */
  resource: string
  recordId: number
  validator: (field: string) => { validate: (data: any, options: any) => Promise<any> } | null
  meta: Meta
  /**
   * The record's current values as the update action takes them (lists left out), read inside
   * the save's transaction with the row locked (`lockRow`), so what is written back is the
   * current row plus the edited field, never a copy read before another save.
   */
  current: (trx: InlineTrx) => Promise<Data>
  /** Runs the module's update action with the new values, in `trx`. */
  save: (
    trx: InlineTrx,
    data: Data,
    customValues: FieldValues,
    options: { restoredOwner?: number | null }
  ) => Promise<unknown>
}

/** Locks a record's row until the transaction ends (MariaDB; SQLite serialises writes). */
export async function lockRow(trx: InlineTrx, table: string, organizationId: number, id: number) {
  const query = trx
    .from(table)
    .where('organization_id', organizationId)
    .where('id', id)
    .select('id')
  if (!['sqlite3', 'better-sqlite3'].includes(trx.dialect.name)) query.forUpdate()
  await query.first()
}

/*
 * Undo. A save answers, besides the stored value, an `undo` token, encrypted by the server: it
 * names the user, the record, the field, the value the field held right before this edit, the
 * value the edit set and the field as read back after it. "Deshacer" sends
 * `{ field, undo: true, expected, token }` (a `value` sent along is not trusted: the token's
 * previous value is the one restored). The rule: that previous value is restored without the
 * checks a new value gets (a list value since deactivated, an owner the user may not assign)
 * only when the token is this user's for this record and field, `expected` is the value it
 * names, and the record still holds what the edit left (read under the row lock): nothing
 * changed since, so the restore puts back exactly what the record had before this user's edit.
 * Otherwise 409 "undo_stale". Scope and edit permission are checked by the caller as for any
 * edit; audit, timeline, search and caches follow as for any save.
 */
const UNDO_PURPOSE = 'inline-undo'

interface UndoClaim {
  u: number
  r: string
  f: string
  from: unknown
  /** The value as the save answered it (the client's `expected`). */
  to: unknown
  /** The field as read back after the save (what "nothing changed since" compares). */
  held: unknown
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

function undoToken(claim: UndoClaim) {
  return encryption.encrypt(claim, '1 hour', UNDO_PURPOSE)
}

class UndoStale extends Error {}

/**
 * Validates `{ field, value }` of the request and saves it through `edit.save`. Returns the
 * field, the value as stored (normalised by the validator) and the token of its undo.
 */
export async function saveInlineField<
  Data extends Record<string, unknown>,
  Meta extends Record<string, any>,
>(
  ctx: HttpContext,
  edit: InlineEdit<Data, Meta>
): Promise<{ field: string; value: unknown; undo?: string }> {
  const field = String(ctx.request.input('field') ?? '')
  const value = formValue(ctx.request.input('value'))
  const organizationId = ctx.organization.id
  const record = `${edit.resource}:${edit.recordId}`
  let undo: UndoClaim | null = null
  if (ctx.request.input('undo') === true) {
    const claim = encryption.decrypt<UndoClaim>(
      String(ctx.request.input('token') ?? ''),
      UNDO_PURPOSE
    )
    if (
      !claim ||
      claim.u !== ctx.auth.user!.id ||
      claim.r !== record ||
      claim.f !== field ||
      !same(claim.to, ctx.request.input('expected'))
    )
      return stale(ctx)
    undo = claim
  }
  /** Writes `next` in one transaction; the edited field's value before it is read there too. */
  const write = async (
    read: (trx: InlineTrx) => Promise<unknown>,
    save: (trx: InlineTrx) => Promise<unknown>
  ) =>
    db.transaction(async (trx) => {
      const before = await read(trx)
      if (undo && !same(before, undo.held)) throw new UndoStale()
      await save(trx)
      return { before, after: await read(trx) }
    })
  const answer = (stored: unknown, { before, after }: { before: unknown; after: unknown }) => {
    const claim = {
      u: ctx.auth.user!.id,
      r: record,
      f: field,
      from: before,
      to: stored,
      held: after,
    }
    return { field, value: stored, ...(undo ? {} : { undo: undoToken(claim) }) }
  }
  try {
    if (field.startsWith('cf.')) {
      const key = field.slice(3)
      const current = await loadRecordValues(organizationId, edit.resource, edit.recordId)
      if (!Object.hasOwn(current, key)) fieldRefused('field', ctx.i18n.t('ui.inline.unknown'))
      // An undo restores the value the record held: checked as that held value (an inactive
      // choice it had stays valid), not as a new one.
      const checked = await validateCustomFields(
        organizationId,
        edit.resource,
        { [key]: undo ? undo.from : value },
        { current: undo ? { ...current, [key]: undo.from as any } : current, partial: true }
      )
      if (checked.errors.length)
        fieldRefused(field, ctx.i18n.t(checked.errors[0].key, checked.errors[0].values))
      if (!Object.hasOwn(checked.values, key))
        fieldRefused('field', ctx.i18n.t('ui.inline.unknown'))
      const stored = checked.values[key]
      const written = await write(
        async (trx) =>
          (await loadRecordValues(organizationId, edit.resource, edit.recordId, trx))[key],
        async (trx) => edit.save(trx, await edit.current(trx), { [key]: stored }, {})
      )
      return answer(stored, written)
    }
    const validator = edit.validator(field)
    if (!validator) fieldRefused('field', ctx.i18n.t('ui.inline.unknown'))
    let stored: unknown
    if (undo) {
      // The value the record held before the edit, as stored (see the rule above); null stays
      // null: an owner put back to none is "no owner", not "keep the current one".
      stored = undo.from
    } else {
      const valid = await ctx.request.validateUsing(validator as any, {
        data: { [field]: value },
        meta: edit.meta,
      })
      stored = (valid as Record<string, unknown>)[field]
    }
    let current: Data | undefined
    const written = await write(
      async (trx) => {
        current = await edit.current(trx)
        return current[field]
      },
      (trx) =>
        edit.save(
          trx,
          { ...current!, [field]: stored },
          {},
          undo && field === 'ownerId' ? { restoredOwner: stored as number | null } : {}
        )
    )
    return answer(stored ?? null, written)
  } catch (error) {
    if (error instanceof UndoStale) return stale(ctx)
    if (!(error instanceof RuleError)) throw error
    fieldRefused(error.field ?? field, translateRule(ctx, error.key, error.values))
  }
}

/** An undo that no longer applies: 409 with the translated message, as a field error. */
function stale(ctx: HttpContext): never {
  return ctx.response.abort(
    { errors: [{ field: 'field', message: ctx.i18n.t('ui.inline.undo_stale') }] },
    409
  )
}
