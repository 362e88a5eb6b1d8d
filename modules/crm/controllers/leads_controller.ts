import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { actor, exportDate, notFound, orBack, routeId } from '#app/support/http'
import { sendExport, type ExportFormat } from '#app/support/export_download'
import { exportRowCount, recordExport } from '../actions/record_export.js'
import { exportLeads } from '../actions/leads/export_leads.js'
import { ownerFilterOptions, recordActions } from '#app/access/owners'
import { listProps } from '#app/lists/list_props'
import { timelineFilters } from '#app/history/kinds'
import { documentsPanel } from '#app/documents/panel'
import { tagFilterOf } from '#app/tags/filter'
import { listTags } from '#app/tags/tags'
import { tagsPanel } from '#app/tags/panel'
import { trashRecord } from '#app/bin/bin'
import { savedViewsProps } from '#app/views/list_views'
import { bulkFromRequest, bulkProps, selectedIdsOf } from '#app/bulk/http'
import {
  customFieldsDisplay,
  customFieldsForm,
  validateWithCustomFields,
} from '#app/custom_fields/forms'
import { loadRecordValues } from '#app/custom_fields/values'
import { customFields } from '#app/custom_fields/definitions'
import { customColumns, parseCustomFilters } from '#app/custom_fields/query'
import type { LeadListFilters } from '../dto/leads.js'
import {
  convertValidator,
  disqualifyValidator,
  leadValidator,
  linkValidator,
  listLeadsValidator,
  mergeValidator,
} from '../validators/leads.js'
import { checkedSort } from '../actions/companies/company_query.js'
import { saveLeadField } from '../actions/leads/lead_field.js'
import { leadLinks, linkLead } from '../actions/leads/link_lead.js'
import { BULK_LEAD_STATUSES } from '../bulk/leads.js'
import { noteValidator } from '../validators/shared.js'
import { LEADS, LEAD_SUBJECT, visibleLeadId } from '../actions/leads/lead_scope.js'
import { loadLead, leadName } from '../actions/leads/load_lead.js'
import { filteredLeads, listLeads, PAGE_SIZE } from '../actions/leads/list_leads.js'
import { leadCatalog, leadFormOptions } from '../actions/leads/lead_form.js'
import { createLead, updateLead } from '../actions/leads/save_lead.js'
import { disqualifyLead, reopenLead } from '../actions/leads/lead_status.js'
import { convertLead } from '../actions/leads/convert_lead.js'
import { leadDuplicates } from '../actions/leads/lead_duplicates.js'
import { mergeLeads } from '../actions/leads/merge_leads.js'
import { readTimeline } from '../support/timeline_reader.js'
import { addNote } from '../actions/add_note.js'
import { latestAssignment } from '../assignment/explain.js'
import { activitiesForRecord } from '../activities/for_record.js'

const TIMELINE_PAGE = 20

/** Thin: permission (403) → scope (404) → validate → one action → a DTO for the page. */
export default class LeadsController {
  async index(ctx: HttpContext) {
    ctx.access.authorize(`${LEADS}.view`)
    const views = await savedViewsProps(ctx, LEADS)
    const meta = { meta: { organizationId: ctx.organization.id } }
    // A malformed filter in the address bar shows the unfiltered list rather than an error.
    const [, parsed] = await listLeadsValidator.tryValidate(ctx.request.qs(), meta)
    const cf = await parseCustomFilters(ctx.organization.id, LEADS, ctx.request.qs())
    // A custom-field sort only by a field the list shows (`cf_<key>`, app/custom_fields/sort.ts).
    const sort = await checkedSort(ctx.organization.id, LEADS, parsed?.sort)
    const filters = { ...parsed, sort, cf: cf.filters, tags: tagFilterOf(ctx.request.qs()) }
    const [page, owners] = await Promise.all([
      listLeads(ctx.access, filters, filters.per ?? PAGE_SIZE),
      ownerFilterOptions(ctx.access, LEADS),
    ])
    return ctx.inertia.render('crm/leads/index', {
      leads: page.rows,
      next: page.next,
      prev: page.prev,
      offset: page.offset,
      count: page.count,
      filters: {
        q: filters.q ?? '',
        status: filters.status ?? '',
        source: filters.source ?? '',
        owner: filters.unassigned ? 'none' : (filters.owner ?? ''),
        province: filters.province ?? '',
        sector: filters.sector ?? '',
        sort: filters.sort ?? '-created',
        per: filters.per ?? PAGE_SIZE,
        created_from: filters.created_from ?? '',
        created_to: filters.created_to ?? '',
        cursor: filters.cursor ?? null,
        before: filters.before ?? null,
      } satisfies LeadListFilters,
      owners,
      tagFilter: filters.tags,
      tagOptions: await listTags(ctx.organization.id),
      list: await listProps(ctx.access, LEADS),
      customFilters: cf.params,
      customColumns: await customColumns(ctx.organization.id, LEADS),
      ...views,
      bulk: await this.#bulkProps(ctx),
      catalog: await leadCatalog(ctx.organization.id, ctx.i18n.locale, true),
    })
  }

  /** The bulk bar's props, with "Estado" (open states only: not an editable list). */
  async #bulkProps(ctx: HttpContext) {
    const props = await bulkProps(ctx.access, LEADS, ctx.i18n.locale)
    if (!props?.actions.includes('field')) return props
    const status = {
      key: 'status',
      label: 'crm.leads.fields.status',
      kind: 'select' as const,
      options: BULK_LEAD_STATUSES.map((value) => ({
        value,
        label: ctx.i18n.t(`crm.leads.statuses.${value}`),
      })),
      lookup: undefined,
    }
    return { ...props, fields: [status, ...props.fields] }
  }

  /** Bulk action of the list's bar on a selection or on all matching (app/bulk): JSON. */
  async bulk(ctx: HttpContext) {
    return bulkFromRequest(ctx, LEADS)
  }

  /** Export of the bar's selection (`ids=1,2,3`; without, all matching the list's filters). */
  async bulkExport(ctx: HttpContext) {
    const format = ctx.request.input('format') === 'xlsx' ? 'xlsx' : 'csv'
    return this.#export(ctx, format, selectedIdsOf(ctx))
  }

  /** One field saved in place (the list's cells): JSON `{ field, value }`, 422 when refused. */
  async field(ctx: HttpContext) {
    ctx.access.authorize(`${LEADS}.edit`)
    const leadId = (await visibleLeadId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    return saveLeadField(ctx, leadId)
  }

  /** "Vincular": remembers the existing company or contact the lead is, for its conversion. */
  async link(ctx: HttpContext) {
    ctx.access.authorize(`${LEADS}.edit`)
    const leadId = (await visibleLeadId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const { kind, id } = await ctx.request.validateUsing(linkValidator)
    return orBack(ctx, async () => {
      await linkLead({ access: ctx.access, leadId, kind, id })
      ctx.session.flash('success', ctx.i18n.t(id ? 'crm.leads.linked' : 'crm.leads.unlinked'))
      return ctx.response.redirect().toRoute('crm.leads.show', { id: leadId })
    })
  }

  async export(ctx: HttpContext) {
    return this.#export(ctx, 'csv')
  }

  async exportXlsx(ctx: HttpContext) {
    return this.#export(ctx, 'xlsx')
  }

  /** CSV or XLSX of the list as filtered: the export scope, the formula guard, an audit entry. */
  async #export(ctx: HttpContext, format: ExportFormat, ids: number[] | null = null) {
    ctx.access.authorize(`${LEADS}.export`)
    const [, parsed] = await listLeadsValidator.tryValidate(ctx.request.qs(), {
      meta: { organizationId: ctx.organization.id },
    })
    // The custom-field filters too (`cf_<key>…`): the export holds what the list shows.
    const cf = await parseCustomFilters(ctx.organization.id, LEADS, ctx.request.qs())
    const filters = {
      ...parsed,
      cf: cf.filters,
      tags: tagFilterOf(ctx.request.qs()),
      ...(ids ? { ids } : {}),
    }
    const rows = await exportRowCount(filteredLeads(ctx.access, filters, 'export'))
    await recordExport({
      ...actor(ctx),
      subjectType: LEAD_SUBJECT,
      filters: ids ? { selected: ids.length } : (parsed ?? {}),
      rows,
    })
    const data = await exportLeads(ctx.access, filters, {
      t: (key) => ctx.i18n.t(key),
      date: exportDate(ctx.auth.getUserOrFail().timezone),
      catalog: await leadCatalog(ctx.organization.id, ctx.i18n.locale, true),
    })
    sendExport(ctx, format, data, {
      fileBase: ctx.i18n.t('crm.leads.file_name'),
      sheet: ctx.i18n.t('crm.leads.title'),
    })
  }

  async show(ctx: HttpContext) {
    ctx.access.authorize(`${LEADS}.view`)
    const id = (await visibleLeadId(ctx.access, routeId(ctx))) ?? notFound()
    const organizationId = ctx.organization.id
    const lead = (await loadLead(db, organizationId, id))!
    const [allowed, timeline, documents, catalog, duplicates, assignment, activities] =
      await Promise.all([
        recordActions(ctx.access, LEADS, lead.ownerId),
        readTimeline(ctx.access, {
          subjectType: LEAD_SUBJECT,
          subjectId: id,
          limit: TIMELINE_PAGE,
        }),
        documentsPanel(ctx.access, LEADS, id),
        leadCatalog(organizationId, ctx.i18n.locale, true),
        // Once converted or closed, its matches are what it became: no longer a warning.
        lead.status === 'new' || lead.status === 'working' ? leadDuplicates(ctx.access, id) : [],
        latestAssignment(db, organizationId, id),
        activitiesForRecord(ctx.access, LEAD_SUBJECT, id),
      ])
    // The unowned leads a team leader sees are theirs to edit and hand out.
    const editable = allowed.edit || (await visibleLeadId(ctx.access, id, 'edit')) !== null
    return ctx.inertia.render('crm/leads/show', {
      lead,
      customFields: await customFieldsDisplay(organizationId, LEADS, id),
      links: await leadLinks(ctx.access, id),
      allowed: {
        ...allowed,
        edit: editable,
        convert: ctx.access.can(`${LEADS}.convert`) && editable,
      },
      timeline,
      documents,
      catalog,
      duplicates,
      assignment,
      activities,
      timelineFilters: timelineFilters().map(({ key, label }) => ({ key, label })),
      tags: await tagsPanel(ctx.access, LEADS, id),
    })
  }

  async create(ctx: HttpContext) {
    ctx.access.authorize(`${LEADS}.create`)
    return ctx.inertia.render('crm/leads/form', {
      lead: null,
      ...(await leadFormOptions(ctx.access, ctx.i18n.locale)),
      ...(await customFieldsForm(ctx.organization.id, LEADS, null)),
    })
  }

  async store(ctx: HttpContext) {
    ctx.access.authorize(`${LEADS}.create`)
    const { data, custom } = await validateWithCustomFields(ctx, LEADS, () =>
      ctx.request.validateUsing(leadValidator, { meta: { organizationId: ctx.organization.id } })
    )
    return orBack(ctx, async () => {
      const lead = await createLead({ ...actor(ctx), data, customValues: custom })
      ctx.session.flash('success', ctx.i18n.t('crm.leads.created', { name: lead.title }))
      // Handed to someone else by the rules (or queued): the user may no longer see it.
      if ((await visibleLeadId(ctx.access, lead.id)) === null)
        return ctx.response.redirect().toRoute('crm.leads.index')
      return ctx.response.redirect().toRoute('crm.leads.show', { id: lead.id })
    })
  }

  async edit(ctx: HttpContext) {
    ctx.access.authorize(`${LEADS}.edit`)
    const id = (await visibleLeadId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    return ctx.inertia.render('crm/leads/form', {
      lead: await loadLead(db, ctx.organization.id, id),
      ...(await leadFormOptions(ctx.access, ctx.i18n.locale, 'edit')),
      ...(await customFieldsForm(ctx.organization.id, LEADS, id)),
    })
  }

  async update(ctx: HttpContext) {
    ctx.access.authorize(`${LEADS}.edit`)
    const leadId = (await visibleLeadId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const { data, custom } = await validateWithCustomFields(
      ctx,
      LEADS,
      () =>
        ctx.request.validateUsing(leadValidator, { meta: { organizationId: ctx.organization.id } }),
      await loadRecordValues(ctx.organization.id, LEADS, leadId)
    )
    return orBack(ctx, async () => {
      const lead = await updateLead({ ...actor(ctx), data, leadId, customValues: custom })
      ctx.session.flash('success', ctx.i18n.t('crm.leads.updated', { name: lead.title }))
      return ctx.response.redirect().toRoute('crm.leads.show', { id: leadId })
    })
  }

  async destroy(ctx: HttpContext) {
    ctx.access.authorize(`${LEADS}.delete`)
    const recordId = (await visibleLeadId(ctx.access, routeId(ctx), 'delete')) ?? notFound()
    return orBack(ctx, async () => {
      const { title } = await trashRecord({
        access: ctx.access,
        actorId: ctx.auth.getUserOrFail().id,
        resource: LEADS,
        recordId,
      })
      ctx.session.flash('success', ctx.i18n.t('crm.leads.deleted', { name: title }))
      return ctx.response.redirect().toRoute('crm.leads.index')
    })
  }

  async convert(ctx: HttpContext) {
    ctx.access.authorize(`${LEADS}.convert`)
    const leadId = (await visibleLeadId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const input = await ctx.request.validateUsing(convertValidator)
    const choice = (mode: 'new' | 'existing' | 'none', id?: number) =>
      mode === 'existing' ? { mode, id: id! } : { mode }
    return orBack(ctx, async () => {
      const lead = await convertLead({
        ...actor(ctx),
        leadId,
        company: choice(input.company, input.companyId),
        contact: choice(input.contact, input.contactId),
        opportunity: {
          create: input.opportunity ?? ctx.access.can('crm.opportunities.create'),
          name: input.opportunityName,
        },
      })
      ctx.session.flash('success', ctx.i18n.t('crm.leads.converted', { name: leadName(lead) }))
      return ctx.response.redirect().toRoute('crm.leads.show', { id: leadId })
    })
  }

  async disqualify(ctx: HttpContext) {
    ctx.access.authorize(`${LEADS}.edit`)
    const leadId = (await visibleLeadId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const { reason } = await ctx.request.validateUsing(disqualifyValidator, {
      meta: { organizationId: ctx.organization.id },
    })
    return orBack(ctx, async () => {
      await disqualifyLead({ ...actor(ctx), leadId, reason })
      ctx.session.flash('success', ctx.i18n.t('crm.leads.disqualified'))
      return ctx.response.redirect().toRoute('crm.leads.show', { id: leadId })
    })
  }

  async reopen(ctx: HttpContext) {
    ctx.access.authorize(`${LEADS}.edit`)
    const leadId = (await visibleLeadId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    return orBack(ctx, async () => {
      await reopenLead({ ...actor(ctx), leadId })
      ctx.session.flash('success', ctx.i18n.t('crm.leads.reopened'))
      return ctx.response.redirect().toRoute('crm.leads.show', { id: leadId })
    })
  }

  /**
   * Merges the lead `otherId` into this one: this one must be in the user's edit scope and the
   * duplicate in the delete scope (it goes to the recycle bin), so both permissions are needed.
   */
  async merge(ctx: HttpContext) {
    ctx.access.authorize(`${LEADS}.edit`)
    ctx.access.authorize(`${LEADS}.delete`)
    const keepId = (await visibleLeadId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const { otherId } = await ctx.request.validateUsing(mergeValidator)
    const other = (await visibleLeadId(ctx.access, otherId, 'delete')) ?? notFound()
    const t = (key: string, values?: Record<string, unknown>) => ctx.i18n.t(key, values)
    const cfLabels = new Map(
      (await customFields(ctx.organization.id, LEADS)).map((c) => [`cf.${c.key}`, c.label])
    )
    const describe = (filled: string[], title: string) =>
      filled.length
        ? t('crm.leads.merge_filled', {
            title,
            fields: filled.map((f) => cfLabels.get(f) ?? t(`crm.leads.fields.${f}`)).join(', '),
          })
        : t('crm.leads.merge_nothing_filled', { title })
    return orBack(ctx, async () => {
      await mergeLeads({ ...actor(ctx), keepId, otherId: other, describe })
      ctx.session.flash('success', ctx.i18n.t('crm.leads.merged'))
      return ctx.response.redirect().toRoute('crm.leads.show', { id: keepId })
    })
  }

  async note(ctx: HttpContext) {
    ctx.access.authorize(`${LEADS}.edit`)
    const subjectId = (await visibleLeadId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const { body } = await ctx.request.validateUsing(noteValidator)
    await addNote({ ...actor(ctx), subjectType: LEAD_SUBJECT, subjectId, body })
    ctx.session.flash('success', ctx.i18n.t('crm.notes.added'))
    return ctx.response
      .redirect()
      .toRoute('crm.leads.show', { id: subjectId }, { qs: { tab: 'history' } })
  }

  /** Older timeline entries ("ver más"), as JSON for the page to append. */
  async timeline(ctx: HttpContext) {
    ctx.access.authorize(`${LEADS}.view`)
    const subjectId = (await visibleLeadId(ctx.access, routeId(ctx))) ?? notFound()
    const before = Number(ctx.request.input('before')) || undefined
    const kind = String(ctx.request.input('kind') ?? '') || null
    return readTimeline(ctx.access, {
      kind,
      subjectType: LEAD_SUBJECT,
      subjectId,
      before,
      limit: TIMELINE_PAGE,
    })
  }
}
