import type { I18n } from '@adonisjs/i18n'
import { moduleRegistry } from '#app/registry/main'
import type { SubjectDefinition } from '#app/registry/types'
import type { AuditRow } from './list_audit.js'
import { lists } from '#app/settings/lists'
import { KERNEL_AUDIT_ACTIONS, auditActionLabel } from '#app/history/kinds'

/** Coded values of the kernel's records: field → prefix of the codes' labels. */
const KERNEL_VALUES: Record<string, Record<string, string>> = {
  'kernel.user': { locale: 'admin.audit.values.locale' },
  'kernel.module': { status: 'admin.audit.values.status' },
  'kernel.licence': { tier: 'admin.modules.tiers' },
}

/** Fields of kernel records whose label is not the shared one. */
const KERNEL_FIELD_LABELS: Record<string, Record<string, string>> = {
  'kernel.list_value': { name: 'admin.settings.lists.columns.label_es' },
}

/** The kernel's audited record types; their names and field labels live in admin.json. */
const KERNEL_SUBJECTS: SubjectDefinition[] = [
  'kernel.user',
  'kernel.role',
  'kernel.team',
  'kernel.module',
  'kernel.licence',
  'kernel.currency',
  'kernel.number_series',
  'kernel.list_value',
  'kernel.organization',
].map((type) => ({
  type,
  label: `admin.audit.subject_types.${type}`,
  fields: 'admin.audit.fields',
  values: KERNEL_VALUES[type],
  fieldLabels: KERNEL_FIELD_LABELS[type],
}))
KERNEL_SUBJECTS.push({
  type: 'kernel.custom_field',
  label: 'custom_fields.subject',
  fields: 'custom_fields.audit_fields',
  values: { type: 'custom_fields.types' },
})

/** list key → code → label, in the reader's language (an organization's editable lists). */
export type ListLabels = Record<string, Record<string, string>>

/** The labels of every list the subjects name, for one organization and language. */
export async function subjectListLabels(
  organizationId: number,
  subjects: SubjectDefinition[],
  locale: string
): Promise<ListLabels> {
  const keys = [...new Set(subjects.flatMap((s) => Object.values(s.lists ?? {})))]
  const labels = await Promise.all(keys.map((k) => lists.labels(organizationId, k, locale)))
  return Object.fromEntries(keys.map((k, i) => [k, labels[i]]))
}

/** Generic field labels, for fields a module does not label itself. */
const SHARED_FIELDS = 'admin.audit.fields'

/**
 * Every record type the audit log can name: the kernel's, then those each registered module
 * declares in its manifest (`subjects`), installed or not, since past entries stay. A module
 * may only declare types under its own name.
 */
export async function auditSubjects(): Promise<SubjectDefinition[]> {
  const registry = await moduleRegistry()
  const modules = registry.modules.flatMap(({ manifest }) =>
    (manifest.subjects ?? []).filter((s) => s.type.startsWith(`${manifest.name}.`))
  )
  return [...KERNEL_SUBJECTS, ...modules]
}

/**
 * Every action the audit log can hold: the kernel's, then those each registered module
 * declares in its manifest (`auditActions`), installed or not, since past entries stay.
 */
export async function auditActions(): Promise<string[]> {
  const registry = await moduleRegistry()
  return [
    ...KERNEL_AUDIT_ACTIONS,
    ...registry.modules.flatMap(({ manifest }) =>
      (manifest.auditActions ?? []).map((a) => a.action)
    ),
  ]
}

/**
 * Names of record types and of their fields in the request's language, resolved on the server
 * so modules that come as npm packages (whose translations the browser bundle lacks) read the
 * same. Anything without a translation shows as recorded.
 */
export function subjectNames(
  i18n: I18n,
  subjects: SubjectDefinition[],
  listLabels: ListLabels = {},
  /** `<subject type>|cf.<key>` → the custom field's label (app/custom_fields). */
  customLabels: Record<string, string> = {}
) {
  const byType = new Map(subjects.map((s) => [s.type, s]))
  const text = (key: string): string | null => {
    const found = i18n.resolveIdentifier(key)
    return found ? i18n.formatRawMessage(found.message) : null
  }
  const names = {
    type(type: string): string {
      const subject = byType.get(type)
      return (subject && text(subject.label)) ?? type
    },
    field(type: string, field: string): string {
      const custom = customLabels[`${type}|${field}`]
      if (custom) return custom
      const subject = byType.get(type)
      const own = subject?.fieldLabels?.[field]
      const prefix = subject?.fields
      return (
        (own && text(own)) ??
        (prefix && text(`${prefix}.${field}`)) ??
        text(`${SHARED_FIELDS}.${field}`) ??
        field
      )
    },
    /**
     * A coded value's label: from the organization's editable list the subject names for the
     * field (deactivated values included), else from its i18n catalogue; else as recorded.
     */
    value(type: string, field: string, value: string | null): string | null {
      if (value === null) return value
      const list = byType.get(type)?.lists?.[field]
      const listed = list ? listLabels[list]?.[value] : undefined
      if (listed) return listed
      const prefix = byType.get(type)?.values?.[field]
      return (prefix && text(`${prefix}.${value}`)) || value
    },
    /** A kernel action from admin.json; a module's from the label its manifest declares. */
    action(action: string): string {
      const declared = auditActionLabel(action)
      return (declared ? text(declared) : text(`admin.audit.actions.${action}`)) ?? action
    },
    /** Several records of a type, mid-sentence ("empresas"); the type's name without a collection label. */
    collection(type: string): string {
      const key = byType.get(type)?.collection
      return (key && text(key)) ?? names.type(type)
    },
    /** What an entry about a list is: "Exportación de empresas (300 filas)". */
    list(type: string, action: string, rows: number | null): string {
      const what = names.collection(type)
      if (action !== 'export') return i18n.t('admin.audit.collection.other', { what })
      return rows === null
        ? i18n.t('admin.audit.collection.export', { what })
        : i18n.t('admin.audit.collection.export_rows', { what, rows })
    },
  }
  return names
}

/** The filters of an export (a JSON object) with their names and coded values labelled. */
function labelFilters(
  value: string | null,
  type: string,
  names: ReturnType<typeof subjectNames>
): string | null {
  if (!value?.startsWith('{')) return value
  try {
    const filters = JSON.parse(value) as Record<string, unknown>
    return JSON.stringify(
      Object.fromEntries(
        Object.entries(filters).map(([k, v]) => [
          names.field(type, k),
          typeof v === 'string' ? names.value(type, k, v) : v,
        ])
      )
    )
  } catch {
    return value
  }
}

/**
 * Audit rows as the page shows them: every name already in the reader's language — record,
 * type, action, field, and coded values (a status, an industry) by their catalogue label.
 */
export function labelEntries(
  rows: AuditRow[],
  i18n: I18n,
  subjects: SubjectDefinition[],
  listLabels: ListLabels = {},
  customLabels: Record<string, string> = {}
) {
  const names = subjectNames(i18n, subjects, listLabels, customLabels)
  const value = (row: Pick<AuditRow, 'field' | 'subjectType'>, v: string | null) => {
    if (!row.field) return v
    return row.field === 'filters'
      ? labelFilters(v, row.subjectType, names)
      : names.value(row.subjectType, row.field, v)
  }
  return rows.map(({ labelIsKey, rowCount, ...row }) => ({
    ...row,
    subjectLabel:
      row.subjectId === 0
        ? names.list(row.subjectType, row.action, rowCount)
        : labelIsKey && row.subjectLabel
          ? i18n.t(row.subjectLabel, {}, row.subjectLabel)
          : row.subjectLabel,
    typeLabel: names.type(row.subjectType),
    actionLabel: names.action(row.action),
    fieldLabel: row.field ? names.field(row.subjectType, row.field) : null,
    oldValue: value(row, row.oldValue),
    newValue: value(row, row.newValue),
  }))
}
