import db from '@adonisjs/lucid/services/db'
import { moduleRegistry } from '#app/registry/main'

export interface SubjectLabel {
  text: string
  /** The text is an i18n key (a module's label). */
  isKey: boolean
}

/**
 * Names of the kernel subjects on one page of the audit log, in one query per type. Deleted
 * subjects (and module subject types the kernel does not know) get no label.
 */
export async function subjectLabels(organizationId: number, subjects: { type: string; id: number }[]) {
  const idsOf = (type: string) => [...new Set(subjects.filter((s) => s.type === type).map((s) => s.id))]
  const labels = new Map<string, SubjectLabel>()
  const put = (type: string, id: unknown, text: string, isKey = false) => labels.set(`${type}:${Number(id)}`, { text, isKey })

  const lookups: Record<string, (ids: number[]) => Promise<void>> = {
    'kernel.user': async (ids) => {
      for (const r of await db.from('users').where('organization_id', organizationId).whereIn('id', ids).select('id', 'full_name')) put('kernel.user', r.id, r.full_name)
    },
    'kernel.role': async (ids) => {
      for (const r of await db.from('roles').where('organization_id', organizationId).whereIn('id', ids).select('id', 'name')) put('kernel.role', r.id, r.name)
    },
    'kernel.team': async (ids) => {
      for (const r of await db.from('teams').where('organization_id', organizationId).whereIn('id', ids).select('id', 'name')) put('kernel.team', r.id, r.name)
    },
    'kernel.module': async (ids) => {
      const registry = await moduleRegistry()
      for (const r of await db.from('module_installations').where('organization_id', organizationId).whereIn('id', ids).select('id', 'module')) {
        if (registry.has(r.module)) put('kernel.module', r.id, registry.manifest(r.module).label, true)
        else put('kernel.module', r.id, r.module)
      }
    },
    'kernel.licence': async (ids) => {
      for (const r of await db.from('licences').whereIn('id', ids).select('id', 'licence_id')) put('kernel.licence', r.id, r.licence_id)
    },
  }
  await Promise.all(Object.entries(lookups).map(([type, lookup]) => (idsOf(type).length ? lookup(idsOf(type)) : null)))
  return labels
}

/** Subject types the audit filter offers (modules add theirs by typing them). */
export const KERNEL_SUBJECT_TYPES = ['kernel.user', 'kernel.role', 'kernel.team', 'kernel.module', 'kernel.licence']
