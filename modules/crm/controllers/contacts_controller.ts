import type { HttpContext } from '@adonisjs/core/http'
import { recordFlags } from '#app/flags/record_flags'
import type { ContactListFilters } from '../dto/contacts.js'
import { contactValidator, listContactsValidator } from '../validators/contacts.js'
import { contactCatalog } from '../actions/contacts/contact_catalog.js'
import { contactCodes } from '../actions/contacts/contact_field.js'
import { positionsOf } from '../actions/contacts/contact_positions.js'
import { noteValidator } from '../validators/shared.js'
import { actor, exportDate, notFound, orBack, routeId } from '#app/support/http'
import { bulkFromRequest, bulkProps, selectedIdsOf } from '#app/bulk/http'
import { sendExport, type ExportFormat } from '#app/support/export_download'
import { listProps } from '#app/lists/list_props'
import { ownerFilterOptions } from '#app/access/owners'
import { readTimeline } from '../support/timeline_reader.js'
import { timelineFilters } from '#app/history/kinds'
import { CONTACTS, CONTACT_SUBJECT, visibleContactId } from '../actions/contacts/load_contact.js'
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
import { listContacts } from '../actions/contacts/list_contacts.js'
import { PAGE_SIZE } from '../actions/companies/list_companies.js'
import { showContact } from '../actions/contacts/show_contact.js'
import { TIMELINE_PAGE } from '../actions/companies/show_company.js'
import {
  companyOptions,
  contactFormOptions,
  editContactForm,
} from '../actions/contacts/contact_form.js'
import { contactLookup } from '../actions/contacts/contact_lookup.js'
import { createContact } from '../actions/contacts/create_contact.js'
import { updateContact } from '../actions/contacts/update_contact.js'
import { saveContactField } from '../actions/contacts/contact_field.js'
import { deleteContact } from '../actions/contacts/delete_contact.js'
import { exportContacts } from '../actions/contacts/export_contacts.js'
import { addNote } from '../actions/add_note.js'
import { changeableNote } from '../actions/notes/find_note.js'
import { updateNote } from '../actions/notes/update_note.js'
import { deleteNote } from '../actions/notes/delete_note.js'
import { exportRowCount, recordExport } from '../actions/record_export.js'
import { filteredContacts } from '../actions/contacts/contact_query.js'
import { checkedSort } from '../actions/companies/company_query.js'

/** Thin: permission (403) → scope (404) → validate → one action → a DTO for the page. */
export default class ContactsController {
  async index(ctx: HttpContext) {
    ctx.access.authorize(`${CONTACTS}.view`)
    // First: opening the list at the user's default view redirects before any list query.
    const views = await savedViewsProps(ctx, CONTACTS)
    const [, parsed] = await listContactsValidator.tryValidate(ctx.request.qs())
    const cf = await parseCustomFilters(ctx.organization.id, CONTACTS, ctx.request.qs())
    // A custom-field sort only by a field the list shows (`cf_<key>`, app/custom_fields/sort.ts).
    const sort = await checkedSort(ctx.organization.id, CONTACTS, parsed?.sort)
    const filters = { ...parsed, sort, cf: cf.filters, tags: tagFilterOf(ctx.request.qs()) }
    const [page, owners, company] = await Promise.all([
      listContacts(ctx.access, filters, filters.per ?? PAGE_SIZE),
      ownerFilterOptions(ctx.access, CONTACTS),
      filters.company ? companyOptions(ctx.access, { id: filters.company }) : [],
    ])
    return ctx.inertia.render('crm/contacts/index', {
      contacts: page.rows,
      next: page.next,
      prev: page.prev,
      offset: page.offset,
      count: page.count,
      filters: {
        q: filters.q ?? '',
        owner: filters.owner ?? '',
        company: filters.company ? String(filters.company) : '',
        consent: filters.consent ?? '',
        opted_out: filters.opted_out ?? '',
        language: filters.language ?? '',
        sort: filters.sort ?? 'name',
        per: filters.per ?? PAGE_SIZE,
        created_from: filters.created_from ?? '',
        created_to: filters.created_to ?? '',
        cursor: filters.cursor ?? null,
        before: filters.before ?? null,
      } satisfies ContactListFilters,
      owners,
      customFilters: cf.params,
      // The tag filter (`tag=<id>,<id>`) and the tags it offers.
      tagFilter: filters.tags,
      tagOptions: await listTags(ctx.organization.id),
      list: await listProps(ctx.access, CONTACTS),
      customColumns: await customColumns(ctx.organization.id, CONTACTS),
      ...views,
      // The bulk bar's actions, fields and owners (resources/js/ui/bulk_bar.tsx).
      bulk: await bulkProps(ctx.access, CONTACTS, ctx.i18n.locale),
      // The selected company filter's label, when the user may see that company.
      companies: company,
      contactCatalog: await contactCatalog(ctx.organization.id, ctx.i18n.locale, 'all'),
    })
  }

  async show(ctx: HttpContext) {
    ctx.access.authorize(`${CONTACTS}.view`)
    const id = (await visibleContactId(ctx.access, routeId(ctx))) ?? notFound()
    const page = await showContact(ctx.access, id)
    // Inline editing offers what the edit form offers (the owners the user may assign).
    const options = page.allowed.edit
      ? await contactFormOptions(ctx.access, { companyId: null, contactId: id })
      : null
    return ctx.inertia.render('crm/contacts/show', {
      ...page,
      customFields: await customFieldsDisplay(ctx.organization.id, CONTACTS, id),
      editOptions: options
        ? { owners: options.owners, canAssign: options.canAssign, canUnassign: options.canUnassign }
        : null,
      editFields: page.allowed.edit
        ? (await customFieldsForm(ctx.organization.id, CONTACTS, id)).customFields
        : [],
      timelineFilters: timelineFilters().map(({ key, label }) => ({ key, label })),
      tags: await tagsPanel(ctx.access, CONTACTS, id),
      positions: await positionsOf(ctx.access, id),
      flags: await recordFlags(ctx.organization.id, 'crm.contact', id),
      contactCatalog: await contactCatalog(
        ctx.organization.id,
        ctx.i18n.locale,
        page.allowed.edit ? [page.contact.gender] : 'all'
      ),
    })
  }

  async create(ctx: HttpContext) {
    ctx.access.authorize(`${CONTACTS}.create`)
    // "New contact" from a company page arrives with ?company=<id>.
    const companyId = Number(ctx.request.input('company')) || null
    const options = await contactFormOptions(ctx.access, { companyId })
    return ctx.inertia.render('crm/contacts/form', {
      contact: null,
      initialCompanyId: options.companies.length ? companyId : null,
      ...options,
      contactCatalog: await contactCatalog(ctx.organization.id, ctx.i18n.locale),
      ...(await customFieldsForm(ctx.organization.id, CONTACTS, null)),
    })
  }

  async store(ctx: HttpContext) {
    ctx.access.authorize(`${CONTACTS}.create`)
    const { data, custom } = await validateWithCustomFields(ctx, CONTACTS, () =>
      ctx.request.validateUsing(contactValidator, {
        meta: { organizationId: ctx.organization.id },
      })
    )
    return orBack(ctx, async () => {
      const contact = await createContact({ ...actor(ctx), data, customValues: custom })
      ctx.session.flash('success', ctx.i18n.t('crm.contacts.created', { name: contact.fullName }))
      return ctx.response.redirect().toRoute('crm.contacts.show', { id: contact.id })
    })
  }

  async edit(ctx: HttpContext) {
    ctx.access.authorize(`${CONTACTS}.edit`)
    const id = (await visibleContactId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const form = await editContactForm(ctx.access, id)
    return ctx.inertia.render('crm/contacts/form', {
      ...form,
      contactCatalog: await contactCatalog(ctx.organization.id, ctx.i18n.locale, [
        form.contact.gender,
        form.contact.consentSource,
        form.contact.optOutSource,
      ]),
      ...(await customFieldsForm(ctx.organization.id, CONTACTS, id)),
    })
  }

  async update(ctx: HttpContext) {
    ctx.access.authorize(`${CONTACTS}.edit`)
    const contactId = (await visibleContactId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const { data, custom } = await validateWithCustomFields(
      ctx,
      CONTACTS,
      async () =>
        ctx.request.validateUsing(contactValidator, {
          meta: {
            organizationId: ctx.organization.id,
            current: await contactCodes(ctx.organization.id, contactId),
          },
        }),
      await loadRecordValues(ctx.organization.id, CONTACTS, contactId)
    )
    return orBack(ctx, async () => {
      const contact = await updateContact({ ...actor(ctx), contactId, data, customValues: custom })
      ctx.session.flash('success', ctx.i18n.t('crm.contacts.updated', { name: contact.fullName }))
      return ctx.response.redirect().toRoute('crm.contacts.show', { id: contactId })
    })
  }

  /** One field saved in place (inline editing): JSON `{ field, value }`, 422 when refused. */
  async field(ctx: HttpContext) {
    ctx.access.authorize(`${CONTACTS}.edit`)
    const contactId = (await visibleContactId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    return saveContactField(ctx, contactId)
  }

  async destroy(ctx: HttpContext) {
    ctx.access.authorize(`${CONTACTS}.delete`)
    const contactId = (await visibleContactId(ctx.access, routeId(ctx), 'delete')) ?? notFound()
    return orBack(ctx, async () => {
      const contact = await deleteContact({ ...actor(ctx), contactId, access: ctx.access })
      ctx.session.flash('success', ctx.i18n.t('crm.contacts.deleted', { name: contact.fullName }))
      return ctx.response.redirect().toRoute('crm.contacts.index')
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
    return bulkFromRequest(ctx, CONTACTS)
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
    ctx.access.authorize(`${CONTACTS}.export`)
    const [, filters] = await listContactsValidator.tryValidate(ctx.request.qs())
    // The custom-field filters too (`cf_<key>…`): the export holds what the list shows.
    const cf = await parseCustomFilters(ctx.organization.id, CONTACTS, ctx.request.qs())
    const sort = await checkedSort(ctx.organization.id, CONTACTS, filters?.sort)
    const listed = {
      ...(filters ?? {}),
      sort,
      cf: cf.filters,
      tags: tagFilterOf(ctx.request.qs()),
      ...(ids ? { ids } : {}),
    }
    const rows = await exportRowCount(filteredContacts(ctx.access, listed))
    await recordExport({
      ...actor(ctx),
      subjectType: CONTACT_SUBJECT,
      filters: ids ? { selected: ids.length } : (filters ?? {}),
      rows,
    })
    const coded = await contactCatalog(ctx.organization.id, ctx.i18n.locale, 'all')
    const data = await exportContacts(ctx.access, listed, {
      t: (key) => ctx.i18n.t(key),
      date: exportDate(ctx.auth.getUserOrFail().timezone),
      contactLabels: Object.fromEntries(
        [...coded.genders, ...coded.sources].map((o) => [o.value, o.label])
      ),
    })
    sendExport(ctx, format, data, {
      fileBase: ctx.i18n.t('crm.contacts.file_name'),
      sheet: ctx.i18n.t('crm.contacts.title'),
    })
  }

  async note(ctx: HttpContext) {
    ctx.access.authorize(`${CONTACTS}.edit`)
    const subjectId = (await visibleContactId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const { body } = await ctx.request.validateUsing(noteValidator)
    await addNote({ ...actor(ctx), subjectType: CONTACT_SUBJECT, subjectId, body })
    ctx.session.flash('success', ctx.i18n.t('crm.notes.added'))
    return ctx.response.redirect().toRoute('crm.contacts.show', { id: subjectId })
  }

  /** Rewrites a note: its author (who may still edit the record) or an administrator. */
  async updateNote(ctx: HttpContext) {
    ctx.access.authorize(`${CONTACTS}.edit`)
    const subjectId = (await visibleContactId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const noteId = Number(ctx.params.note)
    const note = await changeableNote(ctx.access, {
      subjectType: CONTACT_SUBJECT,
      subjectId,
      noteId,
    })
    const { body } = await ctx.request.validateUsing(noteValidator)
    await updateNote({ ...actor(ctx), subjectType: CONTACT_SUBJECT, subjectId, note, body })
    ctx.session.flash('success', ctx.i18n.t('crm.notes.updated'))
    return ctx.response.redirect().toRoute('crm.contacts.show', { id: subjectId })
  }

  /** Removes a note: its author or an administrator. */
  async destroyNote(ctx: HttpContext) {
    ctx.access.authorize(`${CONTACTS}.edit`)
    const subjectId = (await visibleContactId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const noteId = Number(ctx.params.note)
    const note = await changeableNote(ctx.access, {
      subjectType: CONTACT_SUBJECT,
      subjectId,
      noteId,
    })
    await deleteNote({ ...actor(ctx), subjectType: CONTACT_SUBJECT, subjectId, note })
    ctx.session.flash('success', ctx.i18n.t('crm.notes.deleted'))
    return ctx.response.redirect().toRoute('crm.contacts.show', { id: subjectId })
  }

  async timeline(ctx: HttpContext) {
    ctx.access.authorize(`${CONTACTS}.view`)
    const subjectId = (await visibleContactId(ctx.access, routeId(ctx))) ?? notFound()
    const before = Number(ctx.request.input('before')) || undefined
    const kind = String(ctx.request.input('kind') ?? '') || null
    return readTimeline(ctx.access, {
      kind,
      subjectType: CONTACT_SUBJECT,
      subjectId,
      before,
      limit: TIMELINE_PAGE,
    })
  }

  /**
   * Visible contacts as `[{ value, label }]` for the record picker ("reports to"): `q` searches
   * name, surname, e-mail or phone; `company` and `except` narrow; a page at a time (`limit`,
   * the next page's cursor in the X-Next-Cursor header, passed back as `after`).
   */
  async lookup(ctx: HttpContext) {
    ctx.access.authorize(`${CONTACTS}.view`)
    const qs = ctx.request.qs()
    const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 200) : undefined)
    const { options, next } = await contactLookup(ctx.access, {
      q: text(qs.q)?.slice(0, 100),
      companyId: Number(qs.company) || undefined,
      exceptId: Number(qs.except) || undefined,
      after: text(qs.after),
      limit: Number(qs.limit) || undefined,
    })
    if (next) ctx.response.header('X-Next-Cursor', next)
    return options
  }
}
