import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import { moduleRegistry } from '#app/registry/main'
import type { ListDefinition } from '#app/registry/types'
import { cachedLists, forgetLists } from '#app/support/cache'
import { dbTimestamp } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { recordHistory } from '#app/history/record_history'

export const LIST_VALUE_SUBJECT = 'kernel.list_value'

/** A list value's audited state (named by its Spanish label). */
function valueSnapshot(r: { label_es: string; label_en: string; is_active: unknown }) {
  return { name: r.label_es, labelEn: r.label_en, active: Boolean(r.is_active) }
}

/** One value of an organization's editable list. */
export interface ListValue {
  code: string
  labels: { es: string; en: string }
  position: number
  active: boolean
}

/** A choice as forms and filters draw it. */
export interface ListOption {
  value: string
  label: string
  /** False for a deactivated value kept because the record being edited holds it. */
  active: boolean
}

type AllLists = Record<string, ListValue[]>

const labelIn = (v: ListValue, locale: string) =>
  (locale === 'en' ? v.labels.en : v.labels.es) || v.labels.es || v.code

/** The lists every registered module declares, by key. */
export async function listDefinitions(): Promise<Map<string, ListDefinition & { module: string }>> {
  const registry = await moduleRegistry()
  return new Map(registry.lists().map((l) => [l.key, l]))
}

/**
 * Every list of an organization (cached; the writes below drop the copy). A list the
 * organization has no values of yet gets its declared defaults on first read.
 */
async function allLists(organizationId: number): Promise<AllLists> {
  return cachedLists(organizationId, async () => {
    const definitions = await listDefinitions()
    let rows = await readRows(organizationId)
    const missing = [...definitions.values()].filter((d) => !rows.some((r) => r.list_key === d.key))
    if (missing.length) {
      await seed(organizationId, missing)
      rows = await readRows(organizationId)
    }
    const lists: AllLists = {}
    for (const r of rows) {
      ;(lists[r.list_key] ??= []).push({
        code: r.code,
        labels: { es: r.label_es, en: r.label_en },
        position: Number(r.position),
        active: Boolean(r.is_active),
      })
    }
    return lists
  })
}

function readRows(organizationId: number) {
  return db
    .from('list_values')
    .where('organization_id', organizationId)
    .orderBy('list_key')
    .orderBy('position')
    .orderBy('id')
    .select('list_key', 'code', 'label_es', 'label_en', 'position', 'is_active')
}

async function seed(organizationId: number, definitions: ListDefinition[]) {
  const now = dbTimestamp()
  for (const d of definitions) {
    try {
      await db.table('list_values').multiInsert(
        d.values.map((v, i) => ({
          organization_id: organizationId,
          list_key: d.key,
          code: v.code,
          label_es: v.labels.es,
          label_en: v.labels.en,
          position: i + 1,
          is_active: true,
          created_at: now,
          updated_at: now,
        }))
      )
    } catch {
      // Another request seeded this list first (unique organization + list + code).
    }
  }
}

/**
 * The kernel's editable lists, read by modules instead of constants in code. Every reader is
 * scoped to an organization and served from the cache (no query per call).
 */
export const lists = {
  /** Every value of a list, deactivated ones included, in the administrator's order. */
  async values(organizationId: number, key: string): Promise<ListValue[]> {
    return (await allLists(organizationId))[key] ?? []
  },

  /**
   * Choices for a form or filter: the active values, plus `keep` (the value a record being
   * edited holds) when it has been deactivated, so it stays readable and selectable.
   */
  async options(
    organizationId: number,
    key: string,
    locale: string,
    keep: (string | null | undefined)[] = []
  ): Promise<ListOption[]> {
    const values = await lists.values(organizationId, key)
    return values
      .filter((v) => v.active || keep.includes(v.code))
      .map((v) => ({ value: v.code, label: labelIn(v, locale), active: v.active }))
  },

  /** code → label of every value (deactivated ones too: old records and history name them). */
  async labels(
    organizationId: number,
    key: string,
    locale: string
  ): Promise<Record<string, string>> {
    const values = await lists.values(organizationId, key)
    return Object.fromEntries(values.map((v) => [v.code, labelIn(v, locale)]))
  },

  /** A code's label, or the code itself when the list no longer has it. */
  async label(organizationId: number, key: string, code: string, locale: string): Promise<string> {
    return (await lists.labels(organizationId, key, locale))[code] ?? code
  },

  /** Whether `code` is in the list (only active values with `{ active: true }`). */
  async has(organizationId: number, key: string, code: string, options: { active?: boolean } = {}) {
    const found = (await lists.values(organizationId, key)).find((v) => v.code === code)
    return !!found && (!options.active || found.active)
  },
}

interface ListRuleOptions {
  /** List key, e.g. `crm.industries`. */
  list: string
  /** Accept deactivated values too (filters: records still hold them). */
  inactive?: boolean
}

/**
 * VineJS rule: the value is an active code of the organization's list (`meta.organizationId`).
 * A deactivated code passes only when it is what the record already holds
 * (`meta.current[<field>]`), so editing an old record does not force a change, or with
 * `inactive: true` (filters).
 */
export const listValueRule = vine.createRule<ListRuleOptions>(async (value, options, field) => {
  if (typeof value !== 'string' || !field.isValid) return
  const meta = field.meta as { organizationId?: number; current?: Record<string, unknown> }
  if (!meta.organizationId) throw new Error('listValueRule needs meta.organizationId')
  const found = (await lists.values(meta.organizationId, options.list)).find(
    (v) => v.code === value
  )
  if (!found) return field.report('The value of {{ field }} is not in the list', 'listValue', field)
  if (!found.active && !options.inactive && meta.current?.[String(field.name)] !== value)
    field.report('The value of {{ field }} has been deactivated', 'listValue.inactive', field)
})

export interface ListValueInput {
  code: string
  labelEs: string
  labelEn: string
  active: boolean
}

/**
 * Replaces a list's values as the Listas screen submits them, in their new order. Values of a
 * `labels` list may only be relabelled, reordered and (de)activated; an `open` list may also
 * gain values and lose those no record uses (the module's `usage` says).
 */
export async function saveList(
  organizationId: number,
  key: string,
  input: ListValueInput[],
  locale = 'es',
  actorId: number | null = null
) {
  const definition = (await listDefinitions()).get(key)
  if (!definition) throw new RuleError('admin.settings.lists.errors.unknown')
  const current = await lists.values(organizationId, key)
  const codes = new Set(current.map((v) => v.code))
  const kept = new Set(input.map((v) => v.code))
  if (kept.size !== input.length) throw new RuleError('admin.settings.lists.errors.duplicate')
  const added = input.filter((v) => !codes.has(v.code))
  const removed = current.filter((v) => !kept.has(v.code))
  if (definition.editable !== 'open' && (added.length || removed.length))
    throw new RuleError('admin.settings.lists.errors.fixed')
  if (!input.some((v) => v.active)) throw new RuleError('admin.settings.lists.errors.none_active')
  if (removed.length) {
    const usage = definition.usage ? (await definition.usage()).default : null
    for (const v of removed) {
      const count = usage ? await usage(organizationId, v.code) : 1
      if (count > 0)
        throw new RuleError('admin.settings.lists.errors.in_use', {
          label: labelIn(v, locale),
          count,
        })
    }
  }
  const now = dbTimestamp()
  await db.transaction(async (trx) => {
    const rows = await trx
      .from('list_values')
      .where({ organization_id: organizationId, list_key: key })
      .select('id', 'code', 'label_es', 'label_en', 'is_active')
    const byCode = new Map(rows.map((r) => [r.code as string, r]))
    const subject = (id: number) => ({
      organizationId,
      actorId,
      subjectType: LIST_VALUE_SUBJECT,
      subjectId: Number(id),
    })
    for (const v of removed) {
      const row = byCode.get(v.code)
      if (!row) continue // already gone (another administrator's save)
      await trx.from('list_values').where('id', row.id).delete()
      await recordHistory.deleted(subject(row.id), valueSnapshot(row), trx)
    }
    for (const [i, v] of input.entries()) {
      const values = {
        label_es: v.labelEs,
        label_en: v.labelEn,
        position: i + 1,
        is_active: v.active,
        updated_at: now,
      }
      const row = byCode.get(v.code)
      if (row) {
        await trx.from('list_values').where('id', row.id).update(values)
        // The order is not audited: one move would touch every value.
        await recordHistory.updated(subject(row.id), valueSnapshot(row), valueSnapshot(values), trx)
      } else {
        const [created] = await trx
          .table('list_values')
          .insert({
            ...values,
            organization_id: organizationId,
            list_key: key,
            code: v.code,
            created_at: now,
          })
          .returning('id')
        const id = typeof created === 'object' ? created.id : created
        await recordHistory.created(subject(id), valueSnapshot(values), trx)
      }
    }
  })
  await forgetLists(organizationId)
}

/** A code for a new value from its Spanish label: "Servicios públicos" → `servicios_publicos`. */
export function codeFromLabel(label: string): string {
  return (
    label
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'valor'
  )
}
