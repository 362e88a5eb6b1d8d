import db from '@adonisjs/lucid/services/db'

/**
 * How many of the organization's companies are in a sector, main or extra (a sector in use is
 * not removed). Binned companies count: a restore brings their sector back.
 */
export default async function industryUsage(organizationId: number, code: string): Promise<number> {
  const [main, extra] = await Promise.all([
    db
      .from('crm_companies')
      .where({ organization_id: organizationId, industry: code })
      .count('* as n')
      .first(),
    db
      .from('crm_company_industries')
      .where({ organization_id: organizationId, industry: code })
      .count('* as n')
      .first(),
  ])
  return Number(main?.n ?? 0) + Number(extra?.n ?? 0)
}
