import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { lists } from '#app/settings/lists'
import { notFound, routeId } from '#app/support/http'
import { jsonWrite } from '#app/support/json_write'
import { ZONES_LIST } from '../account_lists.js'
import type { QuotaPeriod, QuotasPageProps } from '../dto/quotas.js'
import { QUOTA_PERIODS } from './kinds.js'
import { PRODUCT_FAMILIES_LIST } from './lists.js'
import { listQuotas } from './list_quotas.js'
import { quotaValidator, saveQuota } from './save_quota.js'
import { constrainQuotas, QUOTAS } from './visibility.js'

/** Reads `?year=&period=&month=`, falling back to this year, year to date, this month. */
function selection(ctx: HttpContext) {
  const now = new Date()
  const qs = ctx.request.qs()
  const year = Number(qs.year)
  const month = Number(qs.month)
  const validYear = Number.isInteger(year) && year >= 2000 && year <= 2100
  const selectedYear = validYear ? year : now.getUTCFullYear()
  const defaultMonth = selectedYear === now.getUTCFullYear() ? now.getUTCMonth() + 1 : 12
  return {
    year: selectedYear,
    period: (QUOTA_PERIODS as readonly string[]).includes(qs.period)
      ? (qs.period as QuotaPeriod)
      : 'ytd',
    month: Number.isInteger(month) && month >= 1 && month <= 12 ? month : defaultMonth,
  }
}

/** CRM › Cuotas de venta: targets per rep, team, zone and product family, with attainment. */
export default class QuotasController {
  async index(ctx: HttpContext) {
    ctx.access.authorize(`${QUOTAS}.view`)
    const org = ctx.organization.id
    const locale = ctx.i18n.locale
    const chosen = selection(ctx)
    const canManage = ctx.access.can(`${QUOTAS}.manage`)
    const [quotas, users, teams, zones, families] = await Promise.all([
      listQuotas(ctx.access, { ...chosen, locale }),
      canManage
        ? db
            .from('users')
            .where({ organization_id: org, is_active: true })
            .orderBy('full_name')
            .limit(500)
            .select('id', 'full_name')
        : [],
      canManage
        ? db.from('teams').where('organization_id', org).orderBy('name').select('id', 'name')
        : [],
      canManage ? lists.options(org, ZONES_LIST, locale) : [],
      canManage ? lists.options(org, PRODUCT_FAMILIES_LIST, locale) : [],
    ])
    const props: QuotasPageProps = {
      ...chosen,
      currency: ctx.organization.currency,
      quotas,
      canManage,
      options: {
        user: users.map((u: any) => ({ value: String(u.id), label: u.full_name })),
        team: teams.map((t: any) => ({ value: String(t.id), label: t.name })),
        zone: zones.map((z) => ({ value: z.value, label: z.label })),
        family: families.map((f) => ({ value: f.value, label: f.label })),
      },
    }
    return ctx.inertia.render('crm/quotas/index', props as any)
  }

  async store(ctx: HttpContext) {
    ctx.access.authorize(`${QUOTAS}.manage`)
    const input = await ctx.request.validateUsing(quotaValidator)
    return jsonWrite(ctx, async () => ({
      id: await saveQuota(ctx.access, input, { currency: ctx.organization.currency }),
    }))
  }

  async update(ctx: HttpContext) {
    ctx.access.authorize(`${QUOTAS}.manage`)
    await this.#manageable(ctx)
    const input = await ctx.request.validateUsing(quotaValidator)
    return jsonWrite(ctx, async () => ({
      id: await saveQuota(ctx.access, input, {
        currency: ctx.organization.currency,
        id: routeId(ctx),
      }),
    }))
  }

  async destroy(ctx: HttpContext) {
    ctx.access.authorize(`${QUOTAS}.manage`)
    await this.#manageable(ctx)
    await db
      .from('crm_quotas')
      .where({ organization_id: ctx.organization.id, id: routeId(ctx) })
      .delete()
    return { ok: true }
  }

  /** Out of the manager's scope (or of the organization) answers 404. */
  async #manageable(ctx: HttpContext) {
    const query = db.from('crm_quotas as q').where('q.id', routeId(ctx))
    await constrainQuotas(query, ctx.access, 'manage')
    if (!(await query.first())) notFound()
  }
}
