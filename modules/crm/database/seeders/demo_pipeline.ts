import db from '@adonisjs/lucid/services/db'
import type { DemoSeedParams } from '#app/registry/types'
import { dbTimestamp } from '#app/support/dates'
import { insertInBatches } from '#app/support/db'
import { timeline, type TimelineEntryInput } from '#app/history/timeline'
import { reindexRecords } from '#app/search/indexer'
import { convertMinor, rateOn } from '#app/settings/exchange_rates'
import { normalizeName } from '../../support/normalize.js'
import { weighted } from '../../support/opportunities_money.js'
import { defaultStages, toStage, type Stage } from '../../support/opportunities_stages.js'
import { seedProcessDemo } from './demo_process.js'

const DAY = 86_400_000
const TOTAL = 150

/** What the demo sells: the opportunity is "<product> · <company>". */
const PRODUCTS = [
  'Renovación de equipos',
  'Mantenimiento anual',
  'Implantación ERP',
  'Ampliación de licencias',
  'Consultoría de procesos',
  'Suministro de material',
  'Formación del equipo',
  'Proyecto de digitalización',
  'Contrato marco',
  'Instalación en nueva sede',
]
const SOURCES = ['web', 'telefono', 'email', 'referido', 'feria', 'campana']
const LOST = ['precio', 'competencia', 'sin_presupuesto', 'sin_respuesta', 'cancelado']
const ROLES = ['decisor', 'influenciador', 'usuario', 'tecnico']

/** Equipo Norte sells with its own pipeline (a demonstration step); the rest use the default. */
const NORTE_STAGES = [
  { name: 'Contacto inicial', probability: 10 },
  { name: 'Demostración', probability: 30 },
  { name: 'Oferta presentada', probability: 50 },
  { name: 'En negociación', probability: 75 },
  { name: 'Ganada', probability: 100, is_won: true },
  { name: 'Perdida', probability: 0, is_lost: true, folded: true },
]

/**
 * ~150 opportunities over both demo teams and every stage: EUR amounts (some USD at the demo
 * rate), close dates past and future, won and lost ones with reasons, contacts with roles.
 * Owners are the sales people, so each demo role sees a different slice of the board.
 */
export default async function seedPipelineDemo({ organizationId, users, random }: DemoSeedParams) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  const now = Date.now()
  const teams = await db.from('teams').where('organization_id', organizationId).select('id', 'name')
  const teamId = (name: string) => teams.find((t) => t.name === name)?.id ?? null
  const norte = teamId('Equipo Norte')
  const centro = teamId('Equipo Centro')
  const usd = await rateOn(organizationId, 'USD')

  await db.transaction(async (trx) => {
    const base = await defaultStages(organizationId, trx)
    let norteStages: Stage[] = []
    if (norte) {
      const stamp = dbTimestamp()
      await trx.table('crm_pipeline_stages').multiInsert(
        NORTE_STAGES.map((s, position) => ({
          organization_id: organizationId,
          team_id: norte,
          name: s.name,
          probability: s.probability,
          folded: 'folded' in s,
          is_won: 'is_won' in s,
          is_lost: 'is_lost' in s,
          position,
          created_at: stamp,
          updated_at: stamp,
        }))
      )
      norteStages = (
        await trx
          .from('crm_pipeline_stages')
          .where({ organization_id: organizationId, team_id: norte })
          .orderBy('position')
          .select('*')
      ).map(toStage)
    }
    // Owner → team: the demo teams' members; the zone lead sells without team (default pipeline).
    const owners: [number | undefined, number | null][] = [
      [users.rep1, centro],
      [users.rep1, centro],
      [users.manager, centro],
      [users.former, centro],
      [users.rep2, norte],
      [users.rep2, norte],
      [users.leader, norte],
      [users.zoneLead, null],
    ]
    const companies = await trx
      .from('crm_companies')
      .where('organization_id', organizationId)
      .whereIn('type', ['cliente', 'prospecto'])
      .orderBy('id')
      .limit(400)
      .select('id', 'name')
    if (!companies.length) return
    const rows: Record<string, unknown>[] = []
    for (let i = 0; i < TOTAL; i++) {
      const [ownerId, team] = owners[i % owners.length]
      const stages = team === norte && norteStages.length ? norteStages : base
      // About a third closed (won or lost), the rest spread over the open stages.
      const closed = random() < 0.35
      const stage = pick(stages.filter((s) => (s.isWon || s.isLost) === closed))
      const company = companies[Math.floor(random() * companies.length)]
      const foreign = usd && random() < 0.1
      const amount = BigInt(Math.round(1500 + random() * 88_500) * 100)
      const rate = foreign ? usd : '1'
      const org = foreign ? convertMinor(amount, rate, 2, 2) : amount
      const created = new Date(now - Math.floor(10 + random() * 200) * DAY)
      const closeOffset = Math.floor(random() * 210) - 90
      const status = stage.isWon ? 'won' : stage.isLost ? 'lost' : 'open'
      const closedAt = dbTimestamp(new Date(Math.min(now, created.getTime() + 30 * DAY)))
      const name = `${pick(PRODUCTS)} · ${company.name}`.slice(0, 200)
      rows.push({
        organization_id: organizationId,
        name,
        name_normalized: normalizeName(name),
        company_id: company.id,
        stage_id: stage.id,
        team_id: team,
        owner_id: ownerId ?? users.admin,
        amount_minor: amount.toString(),
        currency: foreign ? 'USD' : 'EUR',
        amount_org_minor: org.toString(),
        exchange_rate: rate,
        weighted_org_minor: weighted(org, stage.probability).toString(),
        probability: stage.probability,
        expected_close_on: new Date(now + closeOffset * DAY).toISOString().slice(0, 10),
        priority: Math.floor(random() * 4),
        source: pick(SOURCES),
        status,
        won_at: status === 'won' ? closedAt : null,
        lost_at: status === 'lost' ? closedAt : null,
        lost_reason: status === 'lost' ? pick(LOST) : null,
        stage_entered_at: dbTimestamp(new Date(created.getTime() + 5 * DAY)),
        created_by: ownerId ?? users.admin,
        created_at: dbTimestamp(created),
        updated_at: dbTimestamp(created),
      })
    }
    const max = await trx
      .from('crm_opportunities')
      .where('organization_id', organizationId)
      .max('id as id')
      .first()
    await insertInBatches(trx, 'crm_opportunities', rows)
    const ids = (
      await trx
        .from('crm_opportunities')
        .where('organization_id', organizationId)
        .where('id', '>', Number(max?.id ?? 0))
        .orderBy('id')
        .select('id', 'company_id', 'owner_id', 'name', 'stage_id', 'status')
    ).map((r) => ({ ...r, id: Number(r.id) }))
    await seedProcessDemo(
      trx,
      organizationId,
      [base, norteStages],
      ids.map((o) => ({
        id: o.id,
        stageId: Number(o.stage_id),
        ownerId: Number(o.owner_id),
        status: String(o.status),
      }))
    )

    // Contacts with roles: up to two people of the opportunity's company.
    const people = await trx
      .from('crm_contacts')
      .where('organization_id', organizationId)
      .whereIn('company_id', [...new Set(ids.map((r) => r.company_id))])
      .select('id', 'company_id')
    const byCompany = new Map<number, number[]>()
    for (const p of people)
      byCompany.set(Number(p.company_id), [...(byCompany.get(Number(p.company_id)) ?? []), p.id])
    const links = ids.flatMap((o) =>
      (byCompany.get(Number(o.company_id)) ?? []).slice(0, 2).map((contactId, n) => ({
        organization_id: organizationId,
        opportunity_id: o.id,
        contact_id: contactId,
        role: n === 0 ? 'decisor' : pick(ROLES),
      }))
    )
    if (links.length) await insertInBatches(trx, 'crm_opportunity_contacts', links)
    const events: (TimelineEntryInput & { createdAt: string })[] = ids.map((o, i) => ({
      organizationId,
      subjectType: 'crm.opportunity',
      subjectId: o.id,
      kind: 'created',
      actorId: Number(o.owner_id),
      data: { title: o.name },
      createdAt: String(rows[i].created_at),
    }))
    await timeline.recordMany(events, trx)
    await reindexRecords({
      resource: 'crm.opportunities',
      organizationId,
      ids: ids.map((o) => o.id),
      client: trx,
    })
  })
}
