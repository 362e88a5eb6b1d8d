import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'

/*
 * Pipeline stages. A team with stages of its own uses them; any other team (and an opportunity
 * without team) uses the organization's default pipeline (`team_id` NULL), created with the
 * Kit Digital stages on first use so that a fresh organization has a board at once.
 */

export interface Stage {
  id: number
  teamId: number | null
  name: string
  probability: number
  folded: boolean
  isWon: boolean
  isLost: boolean
  position: number
}

/** Kit Digital's stages: proper names an organization renames at will (stored, not translated). */
export const DEFAULT_STAGES = [
  { name: 'En análisis', probability: 10 },
  { name: 'Oferta presentada', probability: 40 },
  { name: 'En negociación', probability: 70 },
  { name: 'Ganada', probability: 100, is_won: true },
  { name: 'Cancelada/Perdida', probability: 0, is_lost: true, folded: true },
] as const

type Client = QueryClientContract

export function toStage(r: Record<string, unknown>): Stage {
  return {
    id: Number(r.id),
    teamId: r.team_id === null ? null : Number(r.team_id),
    name: String(r.name),
    probability: Number(r.probability),
    folded: Boolean(r.folded),
    isWon: Boolean(r.is_won),
    isLost: Boolean(r.is_lost),
    position: Number(r.position),
  }
}

/** Inserts the default stages for `teamId` (NULL: the organization's default pipeline). */
export async function insertDefaultStages(
  client: Client,
  organizationId: number,
  teamId: number | null = null
) {
  const now = dbTimestamp()
  await client.table('crm_pipeline_stages').multiInsert(
    DEFAULT_STAGES.map((s, position) => ({
      organization_id: organizationId,
      team_id: teamId,
      name: s.name,
      probability: s.probability,
      folded: 'folded' in s ? s.folded : false,
      is_won: 'is_won' in s ? s.is_won : false,
      is_lost: 'is_lost' in s ? s.is_lost : false,
      position,
      created_at: now,
      updated_at: now,
    }))
  )
}

async function stagesOf(
  client: Client,
  organizationId: number,
  teamId: number | null,
  /** A locking read: the latest committed rows (not on SQLite, which serialises writers). */
  latest = false
) {
  const query = client
    .from('crm_pipeline_stages')
    .where('organization_id', organizationId)
    .orderBy('position')
    .orderBy('id')
    .select('*')
  if (teamId === null) query.whereNull('team_id')
  else query.where('team_id', teamId)
  if (latest && locks(client)) query.forUpdate()
  return (await query).map(toStage)
}

const locks = (client: Client) => !['sqlite3', 'better-sqlite3'].includes(client.dialect.name)

/**
 * The organization's default pipeline, created on first use. Two first reads at once both find
 * no stages; each then claims the organization's row in crm_pipeline_defaults (its primary key,
 * migration 0037) and inserts the stages in the same transaction: the second claim waits for the
 * first to commit and fails on the key, so that reader reads the stages the first one made.
 * When the claim exists (every stage was removed in CRM › Equipos), readers lock the claim row
 * and re-check the stages with a locking read (the latest committed rows, whatever a caller's
 * REPEATABLE READ snapshot holds): one puts them back, the others find them. Inside a caller's
 * transaction the claim is a savepoint, so the failed claim leaves it usable; the stages the
 * winner made are then read on a fresh connection (the caller's snapshot may predate them).
 */
export async function defaultStages(organizationId: number, client: Client = db.connection()) {
  const stages = await stagesOf(client, organizationId, null)
  if (stages.length) return stages
  try {
    return await client.transaction(async (trx) => {
      const claim = () =>
        trx
          .from('crm_pipeline_defaults')
          .where('organization_id', organizationId)
          .select('organization_id')
      // Locked only when it exists: locking a missing row takes a gap lock, and two readers'
      // inserts into the gap would deadlock (the key already orders them).
      if (await claim().first()) {
        if (locks(trx)) await claim().forUpdate().first()
        // Another read made them meanwhile; or someone removed them all: they come back.
        const made = await stagesOf(trx, organizationId, null, true)
        if (made.length) return made
      } else {
        await trx
          .table('crm_pipeline_defaults')
          .insert({ organization_id: organizationId, created_at: dbTimestamp() })
      }
      await insertDefaultStages(trx, organizationId)
      return stagesOf(trx, organizationId, null)
    })
  } catch (error) {
    // Another first read won the claim: its stages are there now. Anything else is an error.
    const made = await stagesOf(db.connection(client.connectionName), organizationId, null)
    if (made.length) return made
    throw error
  }
}

/** Whether a team has a pipeline of its own. */
export async function teamHasStages(client: Client, organizationId: number, teamId: number) {
  const row = await client
    .from('crm_pipeline_stages')
    .where({ organization_id: organizationId, team_id: teamId })
    .select('id')
    .first()
  return Boolean(row)
}

/** The stages of a team's pipeline, in order: its own, else the organization's default. */
export async function pipelineStages(
  organizationId: number,
  teamId: number | null,
  client: Client = db.connection()
): Promise<Stage[]> {
  if (teamId !== null) {
    const own = await stagesOf(client, organizationId, teamId)
    if (own.length) return own
  }
  return defaultStages(organizationId, client)
}

/** One stage of the organization, or null. */
export async function findStage(client: Client, organizationId: number, id: number) {
  const row = await client
    .from('crm_pipeline_stages')
    .where({ organization_id: organizationId, id })
    .select('*')
    .first()
  return row ? toStage(row) : null
}

/** The status an opportunity has in a stage. */
export function stageStatus(stage: Stage): 'open' | 'won' | 'lost' {
  if (stage.isWon) return 'won'
  if (stage.isLost) return 'lost'
  return 'open'
}

/** The organization's teams for a selector (value: id as a string). */
export async function teamOptions(organizationId: number) {
  const rows = await db
    .from('teams')
    .where('organization_id', organizationId)
    .orderBy('name')
    .select('id', 'name')
  return rows.map((t) => ({ value: String(t.id), label: String(t.name) }))
}
