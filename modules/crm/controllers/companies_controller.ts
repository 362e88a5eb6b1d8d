import type { HttpContext } from '@adonisjs/core/http'
import { recordFlags } from '#app/flags/record_flags'
import type { CompanyListFilters } from '../dto/companies.js'
import { catalogLabels, catalogProps } from '../catalog.js'
import { companyValidator, listCompaniesValidator } from '../validators/companies.js'
import { noteValidator } from '../validators/shared.js'
import { actor, exportDate, notFound, orBack, routeId } from '#app/support/http'
import { bulkFromRequest, bulkProps, selectedIdsOf } from '#app/bulk/http'
import { sendExport, type ExportFormat } from '#app/support/export_download'
import { ownerFilterOptions } from '#app/access/owners'
import { listProps } from '#app/lists/list_props'
import { readTimeline } from '../support/timeline_reader.js'
import { timelineFilters } from '#app/history/kinds'
import { COMPANIES, COMPANY_SUBJECT, visibleCompanyId } from '../actions/companies/load_company.js'
import { listCompanies, PAGE_SIZE } from '../actions/companies/list_companies.js'
import { showCompany, TIMELINE_PAGE } from '../actions/companies/show_company.js'
import {
  companyCodes,
  companyFormOptions,
  editCompanyForm,
} from '../actions/companies/company_form.js'
import { createCompany } from '../actions/companies/create_company.js'
import { updateCompany } from '../actions/companies/update_company.js'
import { saveCompanyField } from '../actions/companies/company_field.js'
import { deleteCompany } from '../actions/companies/delete_company.js'
import { exportCompanies } from '../actions/companies/export_companies.js'
import { companyOptions } from '../actions/contacts/contact_form.js'
import { addNote } from '../actions/add_note.js'
import { changeableNote } from '../actions/notes/find_note.js'
import { updateNote } from '../actions/notes/update_note.js'
import { deleteNote } from '../actions/notes/delete_note.js'
import { DuplicateCompanyName } from '../actions/companies/duplicate_name.js'
import { exportRowCount, recordExport } from '../actions/record_export.js'
import { checkedSort, filteredCompanies } from '../actions/companies/company_query.js'
import {
  customFieldsDisplay,
  customFieldsForm,
  validateWithCustomFields,
} from '#app/custom_fields/forms'
import { loadRecordValues } from '#app/custom_fields/values'
import { customColumns, parseCustomFilters } from '#app/custom_fields/query'
import { savedViewsProps } from '#app/views/list_views'
import { tagFilterOf } from '#app/tags/filter'
import { listTags } from '#app/tags/tags'
import { tagsPanel } from '#app/tags/panel'
import { companyNames } from '../actions/companies/company_group.js'
import { companyOpportunities } from '../actions/opportunities/company_opportunities.js'

const DUPLICATE_FLASH = 'crmDuplicateName'

/** The name of the "del grupo" filter's company, when the user may see it. */
async function groupName(ctx: HttpContext, id: number | undefined) {
  if (!id || !(await visibleCompanyId(ctx.access, id))) return ''
  return (await companyNames(ctx.organization.id, [id])).get(id) ?? ''
}

/**
 * Runs a save; when the name is another company's, remembers which one for the form (its
 * link and "Guardar de todos modos") before orBack sends the user back with the message.
 */
async function rememberDuplicate<T>(ctx: HttpContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof DuplicateCompanyName) ctx.session.flash(DUPLICATE_FLASH, error.existing)
    throw error
  }
}

/** The duplicate-name warning of the last save, if any: `{ id, name }` or `{ hidden: true }`. */
function duplicateOf(ctx: HttpContext) {
  return ctx.session.flashMessages.get(DUPLICATE_FLASH) ?? null
}

/** Thin: permission (403) → scope (404) → validate → one action → a DTO for the page. */
export default class CompaniesController {
  async index(ctx: HttpContext) {
    ctx.access.authorize(`${COMPANIES}.view`)
    // First: opening the list at the user's default view redirects before any list query.
    const views = await savedViewsProps(ctx, COMPANIES)
    // A malformed filter in the address bar shows the unfiltered list rather than an error.
    const [, parsed] = await listCompaniesValidator.tryValidate(ctx.request.qs(), {
      meta: { organizationId: ctx.organization.id },
    })
    const cf = await parseCustomFilters(ctx.organization.id, COMPANIES, ctx.request.qs())
    // A custom-field sort only by a field the list shows (`cf_<key>`, app/custom_fields/sort.ts).
    const sort = await checkedSort(ctx.organization.id, COMPANIES, parsed?.sort)
    const filters = { ...parsed, sort, cf: cf.filters, tags: tagFilterOf(ctx.request.qs()) }
    const [page, owners] = await Promise.all([
      listCompanies(ctx.access, filters, filters.per ?? PAGE_SIZE),
      ownerFilterOptions(ctx.access, COMPANIES),
    ])
    return ctx.inertia.render('crm/companies/index', {
      companies: page.rows,
      next: page.next,
      prev: page.prev,
      offset: page.offset,
      count: page.count,
      filters: {
        q: filters.q ?? '',
        type: filters.type ?? '',
        industry: filters.industry ?? '',
        owner: filters.owner ?? '',
        province: filters.province ?? '',
        city: filters.city ?? '',
        zone: filters.zone ?? '',
        status: filters.status ?? '',
        size: filters.size ?? '',
        group: filters.group ? String(filters.group) : '',
        groupName: await groupName(ctx, filters.group),
        sort: filters.sort ?? 'name',
        per: filters.per ?? PAGE_SIZE,
        created_from: filters.created_from ?? '',
        created_to: filters.created_to ?? '',
        cursor: filters.cursor ?? null,
        before: filters.before ?? null,
      } satisfies CompanyListFilters,
      owners,
      customFilters: cf.params,
      // The tag filter (`tag=<id>,<id>`) and the tags it offers.
      tagFilter: filters.tags,
      tagOptions: await listTags(ctx.organization.id),
      list: await listProps(ctx.access, COMPANIES),
      customColumns: await customColumns(ctx.organization.id, COMPANIES),
      ...views,
      // The bulk bar's actions, fields and owners (resources/js/ui/bulk_bar.tsx).
      bulk: await bulkProps(ctx.access, COMPANIES, ctx.i18n.locale),
      catalog: await catalogProps(ctx.organization.id, ctx.i18n.locale, { inactive: true }),
    })
  }

  async show(ctx: HttpContext) {
    ctx.access.authorize(`${COMPANIES}.view`)
    const id = (await visibleCompanyId(ctx.access, routeId(ctx))) ?? notFound()
    const [page, labels] = await Promise.all([
      showCompany(ctx.access, id),
      catalogLabels(ctx.organization.id, ctx.i18n.locale),
    ])
    const customFields = await customFieldsDisplay(ctx.organization.id, COMPANIES, id)
    // Inline editing offers what the edit form offers (owners, the lists' active values).
    const editOptions = page.allowed.edit
      ? await companyFormOptions(ctx.access, ctx.i18n.locale, 'edit', page.company)
      : null
    const editFields = page.allowed.edit
      ? (await customFieldsForm(ctx.organization.id, COMPANIES, id)).customFields
      : []
    return ctx.inertia.render('crm/companies/show', {
      ...page,
      labels,
      customFields,
      editOptions,
      editFields,
      timelineFilters: timelineFilters().map(({ key, label }) => ({ key, label })),
      tags: await tagsPanel(ctx.access, COMPANIES, id),
      opportunities: await companyOpportunities(ctx.access, id),
      flags: await recordFlags(ctx.organization.id, 'crm.company', id),
    })
  }

  async create(ctx: HttpContext) {
    ctx.access.authorize(`${COMPANIES}.create`)
    const options = await companyFormOptions(ctx.access, ctx.i18n.locale)
    return ctx.inertia.render('crm/companies/form', {
      company: null,
      duplicate: duplicateOf(ctx),
      ...options,
      ...(await customFieldsForm(ctx.organization.id, COMPANIES, null)),
    })
  }

  async store(ctx: HttpContext) {
    ctx.access.authorize(`${COMPANIES}.create`)
    const { data, custom } = await validateWithCustomFields(ctx, COMPANIES, () =>
      ctx.request.validateUsing(companyValidator, {
        meta: { organizationId: ctx.organization.id },
      })
    )
    return orBack(ctx, async () => {
      const company = await rememberDuplicate(ctx, () =>
        createCompany({ ...actor(ctx), data, customValues: custom })
      )
      ctx.session.flash('success', ctx.i18n.t('crm.companies.created', { name: company.name }))
      return ctx.response.redirect().toRoute('crm.companies.show', { id: company.id })
    })
  }

  async edit(ctx: HttpContext) {
    ctx.access.authorize(`${COMPANIES}.edit`)
    const id = (await visibleCompanyId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const form = await editCompanyForm(ctx.access, id, ctx.i18n.locale)
    return ctx.inertia.render('crm/companies/form', {
      ...form,
      duplicate: duplicateOf(ctx),
      ...(await customFieldsForm(ctx.organization.id, COMPANIES, id)),
    })
  }

  async update(ctx: HttpContext) {
    ctx.access.authorize(`${COMPANIES}.edit`)
    const companyId = (await visibleCompanyId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const { data, custom } = await validateWithCustomFields(
      ctx,
      COMPANIES,
      async () =>
        ctx.request.validateUsing(companyValidator, {
          meta: {
            organizationId: ctx.organization.id,
            current: await companyCodes(ctx.organization.id, companyId),
          },
        }),
      await loadRecordValues(ctx.organization.id, COMPANIES, companyId)
    )
    return orBack(ctx, async () => {
      const company = await rememberDuplicate(ctx, () =>
        updateCompany({ ...actor(ctx), companyId, data, customValues: custom })
      )
      ctx.session.flash('success', ctx.i18n.t('crm.companies.updated', { name: company.name }))
      return ctx.response.redirect().toRoute('crm.companies.show', { id: companyId })
    })
  }

  /** One field saved in place (inline editing): JSON `{ field, value }`, 422 when refused. */
  async field(ctx: HttpContext) {
    ctx.access.authorize(`${COMPANIES}.edit`)
    const companyId = (await visibleCompanyId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    return saveCompanyField(ctx, companyId)
  }

  async destroy(ctx: HttpContext) {
    ctx.access.authorize(`${COMPANIES}.delete`)
    const companyId = (await visibleCompanyId(ctx.access, routeId(ctx), 'delete')) ?? notFound()
    return orBack(ctx, async () => {
      const { name } = await deleteCompany({ ...actor(ctx), companyId })
      ctx.session.flash('success', ctx.i18n.t('crm.companies.deleted', { name }))
      return ctx.response.redirect().toRoute('crm.companies.index')
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
    return bulkFromRequest(ctx, COMPANIES)
  }

  /** Export of the bar's selection (`ids=1,2,3`; without, all matching the list's filters). */
  async bulkExport(ctx: HttpContext) {
    return this.#export(
      ctx,
      ctx.request.input('format') === 'xlsx' ? 'xlsx' : 'csv',
      selectedIdsOf(ctx)
    )
  }

  /** CSV or XLSX: the same scoped query, filters, columns, formula guard and audit entry. */
  async #export(ctx: HttpContext, format: ExportFormat, ids: number[] | null = null) {
    ctx.access.authorize(`${COMPANIES}.export`)
    const [, filters] = await listCompaniesValidator.tryValidate(ctx.request.qs(), {
      meta: { organizationId: ctx.organization.id },
    })
    // The custom-field filters too (`cf_<key>…`): the export holds what the list shows.
    const cf = await parseCustomFilters(ctx.organization.id, COMPANIES, ctx.request.qs())
    const sort = await checkedSort(ctx.organization.id, COMPANIES, filters?.sort)
    const listed = {
      ...(filters ?? {}),
      sort,
      cf: cf.filters,
      tags: tagFilterOf(ctx.request.qs()),
      ...(ids ? { ids } : {}),
    }
    const rows = await exportRowCount(filteredCompanies(ctx.access, listed))
    await recordExport({
      ...actor(ctx),
      subjectType: COMPANY_SUBJECT,
      filters: ids ? { selected: ids.length } : (filters ?? {}),
      rows,
    })
    const data = await exportCompanies(ctx.access, listed, {
      t: (key) => ctx.i18n.t(key),
      date: exportDate(ctx.auth.getUserOrFail().timezone),
      labels: await catalogLabels(ctx.organization.id, ctx.i18n.locale),
    })
    sendExport(ctx, format, data, {
      fileBase: ctx.i18n.t('crm.companies.file_name'),
      sheet: ctx.i18n.t('crm.companies.title'),
    })
  }

  async note(ctx: HttpContext) {
    ctx.access.authorize(`${COMPANIES}.edit`)
    const subjectId = (await visibleCompanyId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const { body } = await ctx.request.validateUsing(noteValidator)
    await addNote({ ...actor(ctx), subjectType: COMPANY_SUBJECT, subjectId, body })
    ctx.session.flash('success', ctx.i18n.t('crm.notes.added'))
    // Back on the history tab, where the note was written.
    return ctx.response
      .redirect()
      .toRoute('crm.companies.show', { id: subjectId }, { qs: { tab: 'history' } })
  }

  /** Rewrites a note: its author (who may still edit the record) or an administrator. */
  async updateNote(ctx: HttpContext) {
    ctx.access.authorize(`${COMPANIES}.edit`)
    const subjectId = (await visibleCompanyId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const noteId = Number(ctx.params.note)
    const note = await changeableNote(ctx.access, {
      subjectType: COMPANY_SUBJECT,
      subjectId,
      noteId,
    })
    const { body } = await ctx.request.validateUsing(noteValidator)
    await updateNote({ ...actor(ctx), subjectType: COMPANY_SUBJECT, subjectId, note, body })
    ctx.session.flash('success', ctx.i18n.t('crm.notes.updated'))
    return ctx.response
      .redirect()
      .toRoute('crm.companies.show', { id: subjectId }, { qs: { tab: 'history' } })
  }

  /** Removes a note: its author or an administrator. */
  async destroyNote(ctx: HttpContext) {
    ctx.access.authorize(`${COMPANIES}.edit`)
    const subjectId = (await visibleCompanyId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const noteId = Number(ctx.params.note)
    const note = await changeableNote(ctx.access, {
      subjectType: COMPANY_SUBJECT,
      subjectId,
      noteId,
    })
    await deleteNote({ ...actor(ctx), subjectType: COMPANY_SUBJECT, subjectId, note })
    ctx.session.flash('success', ctx.i18n.t('crm.notes.deleted'))
    return ctx.response
      .redirect()
      .toRoute('crm.companies.show', { id: subjectId }, { qs: { tab: 'history' } })
  }

  /** Older timeline entries ("ver más"), as JSON for the page to append. */
  async timeline(ctx: HttpContext) {
    ctx.access.authorize(`${COMPANIES}.view`)
    const subjectId = (await visibleCompanyId(ctx.access, routeId(ctx))) ?? notFound()
    const before = Number(ctx.request.input('before')) || undefined
    const kind = String(ctx.request.input('kind') ?? '') || null
    return readTimeline(ctx.access, {
      kind,
      subjectType: COMPANY_SUBJECT,
      subjectId,
      before,
      limit: TIMELINE_PAGE,
    })
  }

  /** Visible companies whose name starts with `q` (the contact form's company search). */
  async lookup(ctx: HttpContext) {
    ctx.access.authorize(`${COMPANIES}.view`)
    const q = String(ctx.request.input('q') ?? '').slice(0, 100)
    return companyOptions(ctx.access, { q })
  }
}
