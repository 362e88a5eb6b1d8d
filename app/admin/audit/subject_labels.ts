import db from '@adonisjs/lucid/services/db'
import { moduleRegistry } from '#app/registry/main'

export interface SubjectLabel {
  text: string
  /** The text is an i18n key (a module's label). */
  isKey: boolean
}

/**
 * Names of the subjects on one page of the audit log, in one query per type. Kernel records
 * are named as they are now. Records the kernel cannot read (a module's, or any deleted one)
 * are named by the last name the audit log itself recorded for them: the kernel knows no
 * module's tables, and a deleted record keeps the name it had. Subjects that never had a
 * "name" field get no label.
 */
export async function subjectLabels(
  organizationId: number,
  subjects: { type: string; id: number }[]
) {
  const idsOf = (type: string) => [
    ...new Set(subjects.filter((s) => s.type === type).map((s) => s.id)),
  ]
  const labels = new Map<string, SubjectLabel>()
  const put = (type: string, id: unknown, text: string, isKey = false) =>
    labels.set(`${type}:${Number(id)}`, { text, isKey })

  const lookups: Record<string, (ids: number[]) => Promise<void>> = {
    'kernel.user': async (ids) => {
      for (const r of await db
        .from('users')
        .where('organization_id', organizationId)
        .whereIn('id', ids)
        .select('id', 'full_name'))
        put('kernel.user', r.id, r.full_name)
    },
    'kernel.role': async (ids) => {
      for (const r of await db
        .from('roles')
        .where('organization_id', organizationId)
        .whereIn('id', ids)
        .select('id', 'name'))
        put('kernel.role', r.id, r.name)
    },
    'kernel.team': async (ids) => {
      for (const r of await db
        .from('teams')
        .where('organization_id', organizationId)
        .whereIn('id', ids)
        .select('id', 'name'))
        put('kernel.team', r.id, r.name)
    },
    'kernel.module': async (ids) => {
      const registry = await moduleRegistry()
      for (const r of await db
        .from('module_installations')
        .where('organization_id', organizationId)
        .whereIn('id', ids)
        .select('id', 'module')) {
        if (registry.has(r.module))
          put('kernel.module', r.id, registry.manifest(r.module).label, true)
        else put('kernel.module', r.id, r.module)
      }
    },
    'kernel.currency': async (ids) => {
      for (const r of await db
        .from('currencies')
        .where('organization_id', organizationId)
        .whereIn('id', ids)
        .select('id', 'code'))
        put('kernel.currency', r.id, r.code)
    },
    'kernel.number_series': async (ids) => {
      for (const r of await db
        .from('number_series')
        .where('organization_id', organizationId)
        .whereIn('id', ids)
        .select('id', 'name'))
        put('kernel.number_series', r.id, r.name)
    },
    'kernel.list_value': async (ids) => {
      for (const r of await db
        .from('list_values')
        .where('organization_id', organizationId)
        .whereIn('id', ids)
        .select('id', 'label_es'))
        put('kernel.list_value', r.id, r.label_es)
    },
    'kernel.licence': async (ids) => {
      for (const r of await db.from('licences').whereIn('id', ids).select('id', 'licence_id'))
        put('kernel.licence', r.id, r.licence_id)
    },
  }
  await Promise.all(
    Object.entries(lookups).map(([type, lookup]) =>
      idsOf(type).length ? lookup(idsOf(type)) : null
    )
  )

  const unnamed = subjects.filter((s) => !labels.has(`${s.type}:${s.id}`))
  await Promise.all(
    [...new Set(unnamed.map((s) => s.type))].map(async (type) => {
      const ids = [...new Set(unnamed.filter((s) => s.type === type).map((s) => s.id))]
      const rows = await db
        .from('audit_logs')
        .where('organization_id', organizationId)
        .where('subject_type', type)
        .whereIn('subject_id', ids)
        .where('field', 'name')
        .orderBy('id', 'desc')
        .select('subject_id', 'old_value', 'new_value')
      for (const r of rows) {
        const name = r.new_value ?? r.old_value // a deletion records the name as the old value
        if (name && !labels.has(`${type}:${Number(r.subject_id)}`)) put(type, r.subject_id, name)
      }
    })
  )
  return labels
}
