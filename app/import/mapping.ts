import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import { dbTimestamp } from '#app/support/dates'
import type { ImportField } from './types.js'

/*
 * Column mapping: which field each file column fills (null: ignored). Suggested from the
 * header names — a field's label in Spanish or English, its key or an alias — after the
 * organization's remembered mapping for the resource, which wins.
 */

export type Mapping = (string | null)[]

/** A header as compared: lowercase, no accents, punctuation as single spaces. */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Every name a field answers to, as header keys. */
export function fieldNames(field: ImportField): string[] {
  const names = [field.key, ...(field.aliases ?? [])]
  if (field.text) names.push(field.text)
  else
    for (const locale of ['es', 'en']) {
      const label = i18nManager.locale(locale).t(field.label, {}, '')
      if (label) names.push(label)
    }
  return [...new Set(names.map(headerKey))]
}

export async function rememberedMapping(
  organizationId: number,
  resource: string
): Promise<Record<string, string>> {
  const row = await db
    .from('import_mappings')
    .where({ organization_id: organizationId, resource })
    .select('mapping')
    .first()
  return row ? JSON.parse(row.mapping) : {}
}

/** Suggests a field per header; each field is used once (the first column that names it). */
export function suggestMapping(
  headers: string[],
  fields: ImportField[],
  remembered: Record<string, string> = {}
): Mapping {
  const known = new Set(fields.map((f) => f.key))
  const byName = new Map<string, string>()
  for (const f of fields) for (const n of fieldNames(f)) if (!byName.has(n)) byName.set(n, f.key)
  const used = new Set<string>()
  return headers.map((h) => {
    const key = headerKey(h)
    const field = (known.has(remembered[key]) ? remembered[key] : null) ?? byName.get(key) ?? null
    if (!field || used.has(field)) return null
    used.add(field)
    return field
  })
}

/** Keeps the mapping for the next import of the same resource in the organization. */
export async function rememberMapping(
  organizationId: number,
  resource: string,
  headers: string[],
  mapping: Mapping
) {
  const remembered = await rememberedMapping(organizationId, resource)
  headers.forEach((h, i) => {
    const key = headerKey(h)
    if (!key) return
    if (mapping[i]) remembered[key] = mapping[i]!
    else delete remembered[key]
  })
  const row = { mapping: JSON.stringify(remembered), updated_at: dbTimestamp() }
  const updated = await db
    .from('import_mappings')
    .where({ organization_id: organizationId, resource })
    .update(row)
  if (!(Array.isArray(updated) ? updated[0] : updated))
    await db.table('import_mappings').insert({ organization_id: organizationId, resource, ...row })
}
