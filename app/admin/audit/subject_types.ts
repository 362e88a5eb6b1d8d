import type { I18n } from '@adonisjs/i18n'
import { moduleRegistry } from '#app/registry/main'
import type { SubjectDefinition } from '#app/registry/types'
import type { AuditRow } from './list_audit.js'

/** The kernel's audited record types; their names and field labels live in admin.json. */
const KERNEL_SUBJECTS: SubjectDefinition[] = ['kernel.user', 'kernel.role', 'kernel.team', 'kernel.module', 'kernel.licence']
  .map((type) => ({ type, label: `admin.audit.subject_types.${type}`, fields: 'admin.audit.fields' }))

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
    (manifest.subjects ?? []).filter((s) => s.type.startsWith(`${manifest.name}.`)))
  return [...KERNEL_SUBJECTS, ...modules]
}

/**
 * Names of record types and of their fields in the request's language, resolved on the server
 * so modules that come as npm packages (whose translations the browser bundle lacks) read the
 * same. Anything without a translation shows as recorded.
 */
export function subjectNames(i18n: I18n, subjects: SubjectDefinition[]) {
  const byType = new Map(subjects.map((s) => [s.type, s]))
  const text = (key: string): string | null => {
    const found = i18n.resolveIdentifier(key)
    return found ? i18n.formatRawMessage(found.message) : null
  }
  return {
    type(type: string): string {
      const subject = byType.get(type)
      return (subject && text(subject.label)) ?? type
    },
    field(type: string, field: string): string {
      const prefix = byType.get(type)?.fields
      return (prefix && text(`${prefix}.${field}`)) ?? text(`${SHARED_FIELDS}.${field}`) ?? field
    },
  }
}

/** Audit rows as the page shows them: every name already in the reader's language. */
export function labelEntries(rows: AuditRow[], i18n: I18n, subjects: SubjectDefinition[]) {
  const names = subjectNames(i18n, subjects)
  return rows.map(({ labelIsKey, ...row }) => ({
    ...row,
    subjectLabel: labelIsKey && row.subjectLabel ? i18n.t(row.subjectLabel, {}, row.subjectLabel) : row.subjectLabel,
    typeLabel: names.type(row.subjectType),
    fieldLabel: row.field ? names.field(row.subjectType, row.field) : null,
  }))
}
