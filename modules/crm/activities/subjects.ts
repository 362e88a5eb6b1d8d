import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { crmSubject } from '../catalog.js'
import type { ActivitySubjectDto } from '../dto/activities.js'

/**
 * Whether a CRM record (`crm.company` 12) exists in the organization and lies within the
 * reader's scope for `action`, resolved generically through `crmSubject` (leads and
 * opportunities join by adding themselves there).
 */
export async function subjectVisible(
  access: AccessContext,
  subjectType: string,
  subjectId: number,
  action = 'view',
  client?: QueryClientContract
): Promise<boolean> {
  const subject = crmSubject(subjectType)
  if (!subject || !access.can(`${subject.resource}.view`)) return false
  const query = (client ?? db).from(`${subject.table} as s`).where('s.id', subjectId).select('s.id')
  await access.scope(query, subject.resource, { table: 's', action })
  return !!(await query.first())
}

/**
 * Names and links of the records activities are about, for one reader: a record she may not
 * see keeps its type and id but no name or link (an activity assigned to her on a colleague's
 * record does not reveal that record). One scoped query per subject type.
 */
export async function nameSubjects(
  access: AccessContext,
  pairs: { type: string | null; id: number | null }[]
): Promise<Map<string, ActivitySubjectDto>> {
  const byType = new Map<string, Set<number>>()
  for (const p of pairs) {
    if (!p.type || p.id === null) continue
    if (!byType.has(p.type)) byType.set(p.type, new Set())
    byType.get(p.type)!.add(p.id)
  }
  const named = new Map<string, ActivitySubjectDto>()
  for (const [type, idSet] of byType) {
    const subject = crmSubject(type)
    const ids = [...idSet]
    const visible = new Map<number, string>()
    if (subject && access.can(`${subject.resource}.view`)) {
      for (let i = 0; i < ids.length; i += 500) {
        const query = db
          .from(`${subject.table} as s`)
          .whereIn('s.id', ids.slice(i, i + 500))
          .select(['s.id', ...subject.names.map((n) => `s.${n}`)])
        await access.scope(query, subject.resource, { table: 's' })
        for (const row of await query)
          visible.set(
            Number(row.id),
            subject.names
              .map((n) => row[n])
              .filter(Boolean)
              .join(' ')
          )
      }
    }
    for (const id of ids) {
      const name = visible.get(id)
      named.set(`${type}:${id}`, {
        type,
        id,
        name: name ?? null,
        href: name !== undefined && subject ? pageOf(subject.route, id) : null,
      })
    }
  }
  return named
}

/** A record's page, or null while its feature has no page yet (a route not registered). */
function pageOf(route: string, id: number): string | null {
  try {
    return router.makeUrl(route, { id })
  } catch {
    return null
  }
}
