import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import { moduleRegistry } from '#app/registry/main'
import { cachedCustomFields } from '#app/support/cache'
import type { CustomField, FieldOptions, FieldType } from './types.js'

/** A resource that accepts custom fields (its manifest declares `customFields`). */
export interface CustomFieldResource {
  key: string
  module: string
  /** i18n key of the resource's label. */
  label: string
  /** Audit/timeline subject type of its records. */
  subject: string
}

/** The resources of every registered module that accept custom fields. */
export async function customFieldResources(): Promise<CustomFieldResource[]> {
  const registry = await moduleRegistry()
  return registry
    .resources()
    .filter((r) => r.customFields)
    .map((r) => ({
      key: r.key,
      module: r.module,
      label: r.label,
      subject: r.customFields!.subject,
    }))
}

export async function customFieldResource(key: string): Promise<CustomFieldResource | undefined> {
  return (await customFieldResources()).find((r) => r.key === key)
}

function parseOptions(text: unknown): FieldOptions {
  if (!text) return {}
  try {
    return typeof text === 'string' ? (JSON.parse(text) as FieldOptions) : (text as FieldOptions)
  } catch {
    return {}
  }
}

export function toField(r: Record<string, any>): CustomField {
  return {
    id: Number(r.id),
    resource: r.resource,
    key: r.key,
    label: r.label,
    type: r.type as FieldType,
    required: Boolean(r.required),
    options: parseOptions(r.options),
    showInList: Boolean(r.show_in_list),
    position: Number(r.position),
    active: Boolean(r.active),
  }
}

/** Every field of an organization, by resource, in order (cached; each write drops the copy). */
function allFields(
  organizationId: number,
  client?: QueryClientContract
): Promise<Record<string, CustomField[]>> {
  return cachedCustomFields(organizationId, async () => {
    const rows = await (client ?? db)
      .from('custom_fields')
      .where('organization_id', organizationId)
      .orderBy('resource')
      .orderBy('position')
      .orderBy('id')
    const byResource: Record<string, CustomField[]> = {}
    for (const r of rows) (byResource[r.resource] ??= []).push(toField(r))
    return byResource
  })
}

/**
 * The custom fields of a resource for an organization, in the administrator's order; only the
 * active ones unless `{ inactive: true }` (the admin screen).
 */
export async function customFields(
  organizationId: number,
  resource: string,
  options: { inactive?: boolean; client?: QueryClientContract } = {}
): Promise<CustomField[]> {
  const fields = (await allFields(organizationId, options.client))[resource] ?? []
  return options.inactive ? fields : fields.filter((f) => f.active)
}

/** The label of a list choice (the code itself when it is gone). */
export function choiceLabel(field: CustomField, code: string): string {
  return field.options.choices?.find((c) => c.code === code)?.label ?? code
}

/**
 * `<subject type>|cf.<key>` → label of every field of the organization, deactivated ones too
 * (the audit log and timelines name changes to them by their label).
 */
export async function customFieldLabels(organizationId: number): Promise<Record<string, string>> {
  const subjects = new Map((await customFieldResources()).map((r) => [r.key, r.subject]))
  const labels: Record<string, string> = {}
  for (const [resource, fields] of Object.entries(await allFields(organizationId))) {
    const subject = subjects.get(resource)
    if (subject) for (const f of fields) labels[`${subject}|cf.${f.key}`] = f.label
  }
  return labels
}
