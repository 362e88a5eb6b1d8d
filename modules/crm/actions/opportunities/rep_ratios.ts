import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { toDate } from '#app/support/dates'
import { OPPORTUNITIES } from './load_opportunity.js'

export interface RepRatio {
  ownerId: number
  ownerName: string
  won: number
  lost: number
  /** Won / (won + lost), 0–100, one decimal; null without closed ones. */
  winRate: number | null
  /** Days from creation to won, on average; null without won ones. */
  avgCycleDays: number | null
  /** Average won amount in the organization's currency (minor units); null without won ones. */
  avgWonMinor: string | null
}

/**
 * Win rate, average cycle and average won amount by rep, over the closed opportunities the
 * reader may see (of one team when given). Counts and sums in SQL; the cycle from the won
 * rows' two dates (a date difference is not portable SQL).
 */
export async function repRatios(access: AccessContext, teamId: number | null) {
  const closed = db
    .from('crm_opportunities as o')
    .join('users as u', 'u.id', 'o.owner_id')
    .whereIn('o.status', ['won', 'lost'])
    .groupBy('o.owner_id', 'u.full_name', 'o.status')
    .select('o.owner_id', 'u.full_name', 'o.status')
    .count('* as n')
    .sum('o.amount_org_minor as total')
  const won = db
    .from('crm_opportunities as o')
    .where('o.status', 'won')
    .whereNotNull('o.won_at')
    .select('o.owner_id', 'o.created_at', 'o.won_at')
  for (const q of [closed, won]) {
    await access.scope(q, OPPORTUNITIES, { table: 'o' })
    if (teamId) q.where('o.team_id', teamId)
  }
  const [counts, wonRows] = await Promise.all([closed, won])
  const by = new Map<number, RepRatio & { totalWon: bigint; days: number }>()
  for (const r of counts) {
    const id = Number(r.owner_id)
    const item = by.get(id) ?? {
      ownerId: id,
      ownerName: String(r.full_name),
      won: 0,
      lost: 0,
      winRate: null,
      avgCycleDays: null,
      avgWonMinor: null,
      totalWon: 0n,
      days: 0,
    }
    if (r.status === 'won') {
      item.won = Number(r.n)
      item.totalWon = BigInt(String(r.total ?? 0).replace(/\.\d+$/, ''))
    } else item.lost = Number(r.n)
    by.set(id, item)
  }
  for (const r of wonRows) {
    const item = by.get(Number(r.owner_id))
    if (item)
      item.days += (toDate(r.won_at).getTime() - toDate(r.created_at).getTime()) / 86_400_000
  }
  return [...by.values()]
    .map(({ totalWon, days, ...r }) => ({
      ...r,
      winRate: r.won + r.lost ? Math.round((r.won * 1000) / (r.won + r.lost)) / 10 : null,
      avgCycleDays: r.won ? Math.round((days / r.won) * 10) / 10 : null,
      avgWonMinor: r.won ? (totalWon / BigInt(r.won)).toString() : null,
    }))
    .sort((a, b) => a.ownerName.localeCompare(b.ownerName))
}
