import db from '@adonisjs/lucid/services/db'

/**
 * How many of the organization's companies are in a sector (a sector in use is not removed).
 * Binned companies count: a restore brings their sector back.
 */
export default async function industryUsage(organizationId: number, code: string): Promise<number> {
  const row = await db
    .from('crm_companies')
    .where({ organization_id: organizationId, industry: code })
    .count('* as n')
    .first()
  return Number(row?.n ?? 0)
}
