import db from '@adonisjs/lucid/services/db'
import type { DemoSeedParams } from '#app/registry/types'
import { addAbsence, dayIn } from '#app/users/absences'
import { saveRule, type RuleInput } from './rules_admin.js'
import { runAssignment } from './assign_leads.js'
import { OPEN_STATUSES } from './load.js'

const DAY = 86_400_000

/**
 * The demo's assignment rules (call it after the demo leads): fairs to the Norte team's
 * leader, Madrid and Barcelona by territory, web leads in turns within Equipo Norte, the rest
 * to the least loaded rep; a rep away next week; and half of the unowned open leads run
 * through the rules, so lead pages show an explained assignment while others wait in the queue.
 * Deterministic (no randomness needed) and a few queries.
 */
export default async function seedAssignmentDemo({ organizationId, users }: DemoSeedParams) {
  const u = (key: string) => users[key] ?? users.admin
  const norte = await db
    .from('teams')
    .where({ organization_id: organizationId, name: 'Equipo Norte' })
    .select('id')
    .first()
  const empty = {
    sources: [],
    provinces: [],
    postcodes: [],
    sectors: [],
    sizes: [],
    productInterests: [],
    languages: [],
  }
  const member = (
    key: string,
    capacity: number | null = null,
    territory?: RuleInput['members'][number]['territory']
  ) => ({
    userId: u(key),
    weight: 1,
    capacity,
    territory,
  })
  const rules: RuleInput[] = [
    {
      name: 'Ferias: jefa del Norte',
      active: true,
      strategy: 'fixed',
      fixedUserId: u('leader'),
      teamId: norte ? Number(norte.id) : null,
      conditions: { ...empty, sources: ['feria'] },
      members: [],
    },
    {
      name: 'Madrid y Barcelona por territorio',
      active: true,
      strategy: 'territory',
      conditions: { ...empty, provinces: ['Madrid', 'Barcelona'] },
      members: [
        member('rep1', 40, { provinces: ['Madrid'], postcodes: [{ from: '28000', to: '28999' }] }),
        member('rep2', 40, {
          provinces: ['Barcelona'],
          postcodes: [{ from: '08000', to: '08999' }],
        }),
      ],
    },
    {
      name: 'Web: turnos del Equipo Norte',
      active: true,
      strategy: 'round_robin',
      teamId: norte ? Number(norte.id) : null,
      conditions: { ...empty, sources: ['web'] },
      members: [member('leader', 30), member('rep2', 30)],
    },
    {
      name: 'Resto: el menos cargado',
      active: true,
      strategy: 'least_loaded',
      conditions: empty,
      members: [member('rep1', 25), member('rep2', 25), member('zoneLead', 25)],
    },
  ]
  await db.transaction(async (trx) => {
    for (const data of rules) await saveRule({ organizationId, data, trx })
    // Next week, Monday to Friday, in the organization's calendar.
    const org = await trx
      .from('organizations')
      .where('id', organizationId)
      .select('timezone')
      .first()
    const now = new Date()
    const toMonday = ((8 - now.getUTCDay()) % 7 || 7) * DAY
    const monday = new Date(now.getTime() + toMonday)
    await addAbsence({
      organizationId,
      userId: u('rep2'),
      actorId: u('admin'),
      startsOn: dayIn(monday, org?.timezone),
      endsOn: dayIn(new Date(monday.getTime() + 4 * DAY), org?.timezone),
      reason: 'Vacaciones',
      client: trx,
    })
    const unowned = await trx
      .from('crm_leads')
      .where('organization_id', organizationId)
      .whereNull('owner_id')
      .whereIn('status', OPEN_STATUSES)
      .whereNull('deleted_at')
      .orderBy('id')
      .select('id')
    const ids = unowned.map((r) => Number(r.id)).filter((_, i) => i % 2 === 0)
    await runAssignment(trx, organizationId, ids, { actorId: null })
  })
}
