import type { HttpContext } from '@adonisjs/core/http'
import { actor, exportDate, notFound, orBack, routeId } from '#app/support/http'
import { sendExport, type ExportFormat } from '#app/support/export_download'
import { bulkFromRequest, bulkProps, selectedIdsOf } from '#app/bulk/http'
import { ownerFilterOptions } from '#app/access/owners'
import { listProps } from '#app/lists/list_props'
import { lists } from '#app/settings/lists'
import { defaultCurrency } from '#app/settings/currencies'
import { listTags } from '#app/tags/tags'
import { trashRecord } from '#app/bin/bin'
import { savedViewsProps } from '#app/views/list_views'
import { exportRowCount, recordExport } from '../actions/record_export.js'
import { pipelineStages, teamOptions } from '../support/opportunities_stages.js'
import { LOST_REASONS_LIST, OPPORTUNITY_SOURCES_LIST } from '../features/pipeline.js'
import {
  OPPORTUNITIES,
  OPPORTUNITY_SUBJECT,
  visibleOpportunityId,
} from '../actions/opportunities/load_opportunity.js'
import { columnCards, loadBoard } from '../actions/opportunities/board.js'
import { addStepProgress } from '../actions/opportunities/step_progress.js'
import {
  filteredOpportunities,
  listOpportunities,
  listFiltersOf,
  PAGE_SIZE,
} from '../actions/opportunities/list_opportunities.js'
import { exportOpportunities } from '../actions/opportunities/export_opportunities.js'
import type { OpportunityListFilters } from '../dto/opportunity_list.js'
import {
  opportunityListValidator,
  type OpportunityListQuery,
} from '../validators/opportunity_list.js'

/**
 * The opportunities' board and list: the same filters from the address bar (so the
 * "Tablero | Lista" switch and a saved view serve both), the list's export and the delete to
 * the recycle bin. Thin: permission (403) → scope (404) → validate → one action → props.
 */
export default class OpportunitiesListController {
  /** The filters in force: malformed ones are dropped (the unfiltered page rather than an error). */
  async #parse(ctx: HttpContext) {
    const [, parsed] = await opportunityListValidator.tryValidate(ctx.request.qs())
    const q: Partial<OpportunityListQuery> = parsed ?? {}
    const filters = listFiltersOf(q, ctx.auth.getUserOrFail().id, ctx.request.qs())
    const shown: OpportunityListFilters = {
      team: q.team ? String(q.team) : '',
      owner: q.unassigned ? 'none' : (q.owner ?? ''),
      stage: q.stage ? String(q.stage) : '',
      status: q.status ?? '',
      source: q.source ?? '',
      priority: q.priority ? String(q.priority) : '',
      closeFrom: q.closeFrom ?? '',
      closeTo: q.closeTo ?? '',
      q: q.q ?? '',
      sort: q.sort ?? '-created',
      per: q.per ?? PAGE_SIZE,
    }
    return { query: q, filters, shown }
  }

  /** What both pages show in their filters. */
  async #options(ctx: HttpContext, teamId: number | null) {
    const organizationId = ctx.organization.id
    const [teams, owners, sources, stages, tagOptions, currency] = await Promise.all([
      teamOptions(organizationId),
      ownerFilterOptions(ctx.access, OPPORTUNITIES),
      lists.options(organizationId, OPPORTUNITY_SOURCES_LIST, ctx.i18n.locale),
      pipelineStages(organizationId, teamId),
      listTags(organizationId),
      defaultCurrency(organizationId),
    ])
    return { teams, owners, sources, stages, tagOptions, currency: currency.code }
  }

  async board(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.view`)
    const views = await savedViewsProps(ctx, OPPORTUNITIES)
    const { filters, shown } = await this.#parse(ctx)
    // The board's columns are the stages: the list's stage filter does not narrow it.
    const [board, options, lostReasons] = await Promise.all([
      loadBoard(ctx.access, { ...filters, stageId: null }),
      this.#options(ctx, filters.teamId ?? null),
      lists.options(ctx.organization.id, LOST_REASONS_LIST, ctx.i18n.locale),
    ])
    return ctx.inertia.render('crm/opportunities/board', {
      ...board,
      ...options,
      stages: board.stages,
      filters: shown,
      tagFilter: filters.tags,
      lostReasons,
      ...views,
      can: {
        create: ctx.access.can(`${OPPORTUNITIES}.create`),
        edit: ctx.access.can(`${OPPORTUNITIES}.edit`),
      },
    })
  }

  /** The next page of one board column (JSON: "Cargar más" and opening a folded stage). */
  async column(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.view`)
    const { query, filters } = await this.#parse(ctx)
    const stages = await pipelineStages(ctx.organization.id, filters.teamId ?? null)
    const stage = query.stage
    if (!stage || !stages.some((s) => s.id === stage)) notFound()
    const before = /^\d{1,10}$/.test(query.before ?? '') ? Number(query.before) : null
    const page = await columnCards(ctx.access, stages, stage, { ...filters, stageId: null }, before)
    await addStepProgress(ctx.organization.id, [{ stageId: stage, cards: page.cards }])
    return page
  }

  async index(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.view`)
    const views = await savedViewsProps(ctx, OPPORTUNITIES)
    const { query, filters, shown } = await this.#parse(ctx)
    const [page, options, list] = await Promise.all([
      listOpportunities(ctx.access, filters, query.per ?? PAGE_SIZE),
      this.#options(ctx, filters.teamId ?? null),
      listProps(ctx.access, OPPORTUNITIES),
    ])
    return ctx.inertia.render('crm/opportunities/list', {
      opportunities: page.rows,
      next: page.next,
      prev: page.prev,
      offset: page.offset,
      count: page.count,
      totals: page.totals,
      filters: shown,
      tagFilter: filters.tags,
      ...options,
      list,
      ...views,
      // The bulk bar's actions and owners (resources/js/ui/bulk_bar.tsx).
      bulk: await bulkProps(ctx.access, OPPORTUNITIES, ctx.i18n.locale),
    })
  }

  async export(ctx: HttpContext) {
    return this.#export(ctx, 'csv')
  }

  async exportXlsx(ctx: HttpContext) {
    return this.#export(ctx, 'xlsx')
  }

  /** Bulk action of the list's bar on a selection or on all matching (app/bulk): JSON. */
  async bulk(ctx: HttpContext) {
    return bulkFromRequest(ctx, OPPORTUNITIES)
  }

  /** Export of the bar's selection (`ids=1,2,3`; without, all matching the list's filters). */
  async bulkExport(ctx: HttpContext) {
    const format = ctx.request.input('format') === 'xlsx' ? 'xlsx' : 'csv'
    return this.#export(ctx, format, selectedIdsOf(ctx))
  }

  /** CSV or XLSX of the list as filtered: the export scope, the formula guard, an audit entry. */
  async #export(ctx: HttpContext, format: ExportFormat, ids: number[] | null = null) {
    ctx.access.authorize(`${OPPORTUNITIES}.export`)
    const { query, filters } = await this.#parse(ctx)
    const exported = { ...filters, cursor: null, before: null, ...(ids ? { ids } : {}) }
    const rows = await exportRowCount(filteredOpportunities(ctx.access, exported, 'export'))
    await recordExport({ ...actor(ctx), subjectType: OPPORTUNITY_SUBJECT, filters: query, rows })
    const data = exportOpportunities(ctx.access, exported, {
      t: (key) => ctx.i18n.t(key),
      date: exportDate(ctx.auth.getUserOrFail().timezone),
      sources: await lists.labels(ctx.organization.id, OPPORTUNITY_SOURCES_LIST, ctx.i18n.locale),
    })
    sendExport(ctx, format, data, {
      fileBase: ctx.i18n.t('crm.list.file_name'),
      sheet: ctx.i18n.t('crm.opportunities.title'),
    })
  }

  /** To the recycle bin (the record page's menu): back to the list. */
  async destroy(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.delete`)
    const recordId = (await visibleOpportunityId(ctx.access, routeId(ctx), 'delete')) ?? notFound()
    return orBack(ctx, async () => {
      const { title } = await trashRecord({
        access: ctx.access,
        actorId: ctx.auth.getUserOrFail().id,
        resource: OPPORTUNITIES,
        recordId,
      })
      ctx.session.flash('success', ctx.i18n.t('crm.bin.deleted', { name: title }))
      return ctx.response.redirect().toRoute('crm.opportunities.list')
    })
  }
}
