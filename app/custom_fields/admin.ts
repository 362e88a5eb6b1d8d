import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { forgetCustomFields, recordsChanged } from '#app/support/cache'
import { recordHistory } from '#app/history/record_history'
import { codeFromLabel } from '#app/settings/lists'
import { customFieldResource, customFields, toField } from './definitions.js'
import { VALUES_TABLE } from './values.js'
import type { CustomField, FieldOption, FieldType } from './types.js'

export const CUSTOM_FIELD_SUBJECT = 'kernel.custom_field'

/** A field as Administración › Campos personalizados submits it. */
export interface FieldInput {
  label: string
  type: FieldType
  required: boolean
  showInList: boolean
  active: boolean
  decimals?: number
  /** list / multi_list: choices in order; a new one has no code yet. */
  choices?: { code?: string | null; label: string; active: boolean }[]
}

interface Actor {
  organizationId: number
  actorId: number | null
}

const LISTS: FieldType[] = ['list', 'multi_list']

function snapshot(f: Pick<CustomField, 'label' | 'type' | 'required' | 'showInList' | 'active'>) {
  return {
    name: f.label,
    type: f.type,
    required: f.required,
    showInList: f.showInList,
    active: f.active,
  }
}

async function fieldRow(organizationId: number, id: number) {
  const row = await db.from('custom_fields').where({ organization_id: organizationId, id }).first()
  if (!row) throw new RuleError('custom_fields.errors.unknown_field')
  return toField(row)
}

/** How many records hold a value of the field (or, with `code`, that choice). */
export async function fieldUsage(fieldId: number, code?: string): Promise<number> {
  const q = db.from(VALUES_TABLE).where('field_id', fieldId)
  if (code !== undefined) q.where('value_text', code)
  const row = await q.countDistinct('record_id as total').first()
  return Number(row?.total ?? 0)
}

/** Unique codes for the choices from their labels; a removed choice in use is refused. */
async function resolveChoices(
  input: FieldInput,
  existing: CustomField | null
): Promise<FieldOption[] | undefined> {
  if (!LISTS.includes(input.type)) return undefined
  const given = input.choices ?? []
  if (!given.length) throw new RuleError('custom_fields.errors.no_choices', {}, 'choices')
  const taken = new Set(given.map((c) => c.code).filter(Boolean) as string[])
  const choices = given.map((c) => {
    let code = c.code ?? ''
    if (!code) {
      const base = codeFromLabel(c.label)
      code = base
      for (let n = 2; taken.has(code); n++) code = `${base.slice(0, 36)}_${n}`
      taken.add(code)
    }
    return { code, label: c.label.trim(), active: c.active }
  })
  if (
    new Set(choices.map((c) => c.label.toLowerCase())).size !== choices.length ||
    new Set(choices.map((c) => c.code)).size !== choices.length
  )
    throw new RuleError('custom_fields.errors.duplicate_choice', {}, 'choices')
  for (const old of existing?.options.choices ?? []) {
    if (choices.some((c) => c.code === old.code)) continue
    const count = await fieldUsage(existing!.id, old.code)
    if (count > 0)
      throw new RuleError(
        'custom_fields.errors.choice_in_use',
        { label: old.label, count },
        'choices'
      )
  }
  return choices
}

/** Creates (no `id`) or changes a field of a resource that accepts custom fields. */
export async function saveField(
  actor: Actor,
  resource: string,
  input: FieldInput,
  id: number | null = null
): Promise<CustomField> {
  const { organizationId, actorId } = actor
  if (!(await customFieldResource(resource)))
    throw new RuleError('custom_fields.errors.unknown_resource')
  const existing = id ? await fieldRow(organizationId, id) : null
  if (existing && existing.resource !== resource)
    throw new RuleError('custom_fields.errors.unknown_field')
  if (existing && existing.type !== input.type && (await fieldUsage(existing.id)) > 0)
    throw new RuleError('custom_fields.errors.type_fixed', {}, 'type')
  const all = await customFields(organizationId, resource, { inactive: true })
  const label = input.label.trim()
  if (all.some((f) => f.id !== id && f.label.toLowerCase() === label.toLowerCase()))
    throw new RuleError('custom_fields.errors.duplicate_label', { label }, 'label')
  const choices = await resolveChoices(input, existing)
  const options = {
    ...(choices ? { choices } : {}),
    ...(input.type === 'number' ? { decimals: input.decimals ?? 0 } : {}),
  }
  const now = dbTimestamp()
  const columns = {
    label,
    type: input.type,
    required: input.required,
    show_in_list: input.showInList && input.type !== 'long_text',
    active: input.active,
    options: JSON.stringify(options),
    updated_at: now,
  }
  const saved = await db.transaction(async (trx) => {
    const subject = (subjectId: number) => ({
      organizationId,
      actorId,
      subjectType: CUSTOM_FIELD_SUBJECT,
      subjectId,
    })
    if (existing) {
      await trx.from('custom_fields').where('id', existing.id).update(columns)
      const after = toField({
        ...(await trx.from('custom_fields').where('id', existing.id).first()),
      })
      await recordHistory.updated(subject(existing.id), snapshot(existing), snapshot(after), trx)
      return after
    }
    const keys = new Set(all.map((f) => f.key))
    const base = codeFromLabel(label)
    let key = base
    for (let n = 2; keys.has(key); n++) key = `${base.slice(0, 36)}_${n}`
    const [created] = await trx
      .table('custom_fields')
      .insert({
        ...columns,
        organization_id: organizationId,
        resource,
        key,
        position: all.length ? Math.max(...all.map((f) => f.position)) + 1 : 1,
        created_at: now,
      })
      .returning('id')
    const newId = Number(typeof created === 'object' ? created.id : created)
    const field = toField(await trx.from('custom_fields').where('id', newId).first())
    await recordHistory.created(subject(newId), snapshot(field), trx)
    return field
  })
  await forgetCustomFields(organizationId)
  await recordsChanged(organizationId, resource)
  return saved
}

/** Moves a field one place up or down among its resource's fields. */
export async function moveField(actor: Actor, id: number, direction: 'up' | 'down') {
  const field = await fieldRow(actor.organizationId, id)
  const all = await customFields(actor.organizationId, field.resource, { inactive: true })
  const index = all.findIndex((f) => f.id === id)
  const other = all[direction === 'up' ? index - 1 : index + 1]
  if (index < 0 || !other) return
  const order = [...all]
  order[index] = other
  order[direction === 'up' ? index - 1 : index + 1] = all[index]
  await db.transaction(async (trx) => {
    for (const [i, f] of order.entries())
      await trx
        .from('custom_fields')
        .where('id', f.id)
        .update({ position: i + 1 })
  })
  await forgetCustomFields(actor.organizationId)
  await recordsChanged(actor.organizationId, field.resource)
}

/** Deletes a field and every value of it (the audit log keeps the records' past values). */
export async function deleteField(actor: Actor, id: number): Promise<CustomField> {
  const field = await fieldRow(actor.organizationId, id)
  await db.transaction(async (trx) => {
    await trx.from(VALUES_TABLE).where('field_id', id).delete()
    await trx.from('custom_fields').where('id', id).delete()
    await recordHistory.deleted(
      {
        organizationId: actor.organizationId,
        actorId: actor.actorId,
        subjectType: CUSTOM_FIELD_SUBJECT,
        subjectId: id,
      },
      snapshot(field),
      trx
    )
  })
  await forgetCustomFields(actor.organizationId)
  await recordsChanged(actor.organizationId, field.resource)
  return field
}
