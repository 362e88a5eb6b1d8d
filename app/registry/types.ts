import type { HttpRouterService } from '@adonisjs/core/types'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { SearchDocument } from '#app/search/search_index'

/** Licence tiers, lowest first. A module declares the lowest tier that enables it. */
export const TIERS = ['basico', 'profesional', 'empresa'] as const
export type Tier = (typeof TIERS)[number]

export function tierRank(tier: Tier): number {
  return TIERS.indexOf(tier)
}

/** Record scopes a role can grant on a resource, from narrowest to widest. */
export const SCOPES = ['own', 'team', 'hierarchy', 'all'] as const
export type Scope = (typeof SCOPES)[number]

/** A resource whose rows have an owner and are filtered by record scope. */
export interface ResourceDefinition {
  /** `<module>.<plural>`, e.g. `crm.companies`. */
  key: string
  /** i18n key of the resource label; default `<key>.title` (e.g. `crm.companies.title`). */
  label: string
  /**
   * Actions that become permission keys `<resource>.<action>`. The kernel labels its standard
   * verbs (view, create, edit, delete, export); any other action is labelled from the module's
   * lang files, by `actionLabels[action]` or, by default, `<key>.actions.<action>`.
   */
  actions: string[]
  /** i18n keys of the labels of actions beyond the standard verbs. */
  actionLabels?: Record<string, string>
  /**
   * Demo role grants: which actions each demo role (keys of app/kernel/demo.ts: director,
   * leader, zone, rep, support) gets on this resource in the demo organization. A role left
   * out gets none of them; the scope is the role's.
   */
  demo?: Partial<Record<DemoRole, string[]>>
  /**
   * Accepts CSV/XLSX import (app/import): the default export is an `ImportDefinition` built
   * with `defineImport` from `#app/import/types` (fields, duplicate keys, row validation,
   * batch writes; typed there, not here, so the registry does not depend on the access layer).
   * Importing needs the resource's `create` permission; updates need `edit` and its scope.
   */
  import?: () => Promise<{ default: object }>
  /** The resource's records accept attached files (kernel documents service, app/documents). */
  documents?: DocumentsDefinition
  /** The resource accepts the recycle bin (README, "Papelera / Recycle bin"); needs a `delete` action. */
  bin?: BinDefinition
  /**
   * The resource accepts custom fields an administrator adds in Administración › Campos
   * personalizados (app/custom_fields). `subject` is the audit/timeline subject type of its
   * records (`crm.company`), where changes to the fields are written as `cf.<key>`.
   */
  customFields?: { subject: string }
  /**
   * The resource's records take tags (kernel tags service, app/tags; README "Etiquetas / Tags"):
   * chips on the record page, a list column and filter, bulk add/remove, export and import.
   * `subject` is the audit/timeline subject type where tag changes are written (field `tags`).
   */
  tags?: TagsDefinition
  /**
   * Bulk actions on a selection of the resource's list (app/bulk, README "Acciones masivas"):
   * which actions the list's bar offers, the simple fields "Cambiar un campo" may set, and the
   * module's handler that applies a chunk of rows (scope and permission per row).
   */
  bulk?: BulkDefinition
  /**
   * How the kernel list component (resources/js/ui/list) shows the resource: its columns, the
   * sorts it offers and its quick filters. Sent with the list page by `listProps`
   * (app/lists/declaration.ts), labels translated.
   */
  list?: ListDeclaration
}

/** A bulk action: its permission is `edit` (owner, field, tags), `delete` or `export`. */
export const BULK_ACTIONS = ['owner', 'field', 'tags', 'delete', 'export'] as const
export type BulkActionKind = (typeof BULK_ACTIONS)[number]

/** The permission (and scope action) a bulk action needs on the resource and on each row. */
export function bulkPermission(action: BulkActionKind): 'edit' | 'delete' | 'export' {
  if (action === 'delete' || action === 'export') return action
  return 'edit'
}

/** A field the "change a field" action may set on every selected row. */
export interface BulkFieldDefinition {
  /** The field's key as the handler knows it (`type`, `position`, `cf.<key>` for custom fields). */
  key: string
  /** i18n key of its label. */
  label: string
  /** `select`: one of `options` or of the editable list `list`; `record`: an id picked from `lookup`. */
  kind: 'select' | 'boolean' | 'text' | 'record'
  /** Editable list (Administración › Listas) of a `select` field. */
  list?: string
  /** Named route answering `?q=` with `[{ value, label }]`, for a `record` field. */
  lookup?: string
}

/** One chunk of a bulk action, in its own transaction (app/bulk/engine.ts). */
export interface BulkChunk<Access = unknown> {
  access: Access
  organizationId: number
  actorId: number
  action: BulkActionKind
  /** The action's validated value: `{ ownerId }`, `{ field, value }`. */
  params: Record<string, unknown>
  ids: number[]
  trx: TransactionClientContract
}

/** What a chunk did: rows changed, rows already as asked, rows skipped by reason. */
export interface BulkChunkResult {
  changed: number
  unchanged?: number
  /** Reason (`scope`, `refused`…) → rows; each reason is labelled `bulk.skipped.<reason>`. */
  skipped?: Record<string, number>
}

/** A module's bulk work on one resource (default export of `BulkDefinition.handler`). */
export interface BulkHandler<Access = any> {
  /**
   * Checks the action's value once before any row is touched (an owner the user may assign, a
   * code of the list…) and returns it normalised; throws RuleError when it is not acceptable.
   */
  prepare(
    access: Access,
    action: BulkActionKind,
    params: Record<string, unknown>
  ): Promise<Record<string, unknown>>
  /**
   * The ids of the rows matching the list's filters (`query`, the list's query string) in the
   * user's scope for `action`, at most `limit` of them.
   */
  matching(access: Access, query: Record<string, unknown>, limit: number): Promise<number[]>
  /** Applies the action to these rows; rows out of the user's scope for it are skipped. */
  apply(chunk: BulkChunk<Access>): Promise<BulkChunkResult>
}

export interface BulkDefinition {
  /** The actions the list's bar offers (tags: declared in the contract, built with the tags service). */
  actions: BulkActionKind[]
  /** Fields the "change a field" action may set. */
  fields?: BulkFieldDefinition[]
  /**
   * Also offer the resource's active custom fields of kinds list, boolean and text, as
   * `cf.<key>` (the handler sets them; app/custom_fields).
   */
  customFields?: boolean
  handler: () => Promise<{ default: BulkHandler }>
}

/** Simple column types: how the list renders and how a phone card links them. */
export type ListColumnType = 'text' | 'number' | 'date' | 'phone' | 'email' | 'badge' | 'link'

/** A column of a list. */
export interface ListColumn {
  /** Key the page renders it by (and `cols=` names it by in the URL). */
  key: string
  /** i18n key of its header. */
  label: string
  type?: ListColumnType
  /**
   * The sort keys a header click toggles between (`asc` first, then `desc`). Only sorts the
   * server reads through an index and pages by keyset; each must be among `sorts`.
   */
  sort?: { asc?: string; desc?: string }
  /** Shown when the URL names no columns (default true). */
  default?: boolean
  /** Shown on the phone card (375 px); the first primary column is the card's title. */
  primary?: boolean
  /**
   * A simple field edited in place in the table (not on phone cards), when the page gives its
   * editor (ListView's `edit`) and the user may edit; the record's field endpoint checks the rest.
   */
  inline?: boolean
}

/** A one-click filter: the list's URL parameters it sets (`$month_start` = first of this month). */
export interface QuickFilter {
  key: string
  /** i18n key of its label. */
  label: string
  params: Record<string, string>
}

export interface ListDeclaration {
  columns: ListColumn[]
  /** Every sort the server accepts (the default first), e.g. `['name', '-name', '-created']`. */
  sorts: string[]
  quickFilters?: QuickFilter[]
}

/**
 * The request's AccessContext (app/access/access_context.ts) as the registry names it: the
 * registry may not import the access layer (it would close an import cycle), so a module's
 * `check` declares the full AccessContext itself.
 */
export interface RequestAccess {
  readonly userId: number
  readonly organizationId: number
}

/** A module's record check for the documents of one resource (default export of `recordAccess`). */
export interface RecordAccess {
  /**
   * Whether record `recordId` exists in the user's organization and lies within their record
   * scope for `action` (`view` to list and download its documents, `edit` to add and delete
   * them). The module applies its own scope, so a document is visible exactly when its record
   * is. The kernel checks the `<resource>.<action>` permission itself.
   */
  check(access: RequestAccess, recordId: number, action: 'view' | 'edit'): Promise<boolean>
}

/** What the kernel needs from a module to attach documents to one of its resources. */
export interface DocumentsDefinition {
  /** Subject type of the record's timeline, where uploads and deletions are written (`crm.company`). */
  subjectType: string
  /** Loads the module's record check (default export); lazy, like routes and listeners. */
  recordAccess: () => Promise<{ default: RecordAccess }>
}

/** What the kernel needs from a module to tag the records of one of its resources. */
export interface TagsDefinition {
  /** Subject type of the record's history (`crm.company`). */
  subject: string
  /**
   * The module's record check (view to read a record's tags, edit to change them); default the
   * resource's `documents.recordAccess`, so one check serves both.
   */
  recordAccess?: () => Promise<{ default: RecordAccess }>
}

/** Where a bin handler works: one record of the resource, inside the bin's transaction. */
export interface BinContext {
  organizationId: number
  /** Who bins, restores or purges it (null: the scheduled purge). */
  actorId: number | null
  recordId: number
  trx: TransactionClientContract
}

/**
 * What a module does when one of its records goes to the bin, comes back, or goes for good.
 * `Access` is the kernel's AccessContext (#app/access/access_context): declare the handlers as
 * `BinHandlers<AccessContext>` (left generic so these manifest types import nothing of access).
 */
export interface BinHandlers<Access = unknown> {
  /**
   * Marks the record binned (`deleted_at`, `deleted_by`) and detaches what points at it; the
   * caller has checked the record is in the user's delete scope (`access`), the handler checks
   * the rest (rows it would write to beyond the user's reach). Returns its title, its owner
   * (the bin's record scope) and what was detached (JSON), handed back to `restore`/`purge`.
   */
  trash(ctx: BinContext & { access: Access }): Promise<{
    title: string
    ownerId: number | null
    detached?: unknown
  }>
  /**
   * Clears the mark and puts detached links back where their targets still exist; says how
   * many came back and how many stayed unlinked (their target is gone or binned).
   */
  restore(ctx: BinContext & { detached: unknown }): Promise<{ relinked: number; unlinked: number }>
  /** Deletes the record and its own rows for good (its audit trail stays). */
  purge(ctx: BinContext & { detached: unknown }): Promise<void>
}

export interface BinDefinition {
  /** Subject type of the record's timeline entries, e.g. `crm.company`. */
  subject: string
  /**
   * The column that marks a binned row (default `deleted_at`): `access.scope()` adds
   * `<column> IS NULL` to every query on the resource, so lists, counts, search, exports,
   * pickers and record pages never see binned rows.
   */
  column?: string
  handlers: () => Promise<{ default: BinHandlers<any> }>
}

export interface PermissionDefinition {
  key: string
  /**
   * i18n key of the label, from the module's lang files; default
   * `<module>.permissions.<rest of the key, dots as _>` (`ejemplo.notas.archive` →
   * `ejemplo.permissions.notas_archive`).
   */
  label: string
  /** Demo roles (DEMO_ROLES) that hold this permission in the demo organization. */
  demo?: DemoRole[]
}

/** Demo roles the demo organization creates (app/kernel/demo.ts); the administrator holds everything. */
export const DEMO_ROLES = ['director', 'leader', 'zone', 'rep', 'support'] as const
export type DemoRole = (typeof DEMO_ROLES)[number]

/** A card on the start page, shown to the users who may open it where the module is enabled. */
export type HomeCard = HomeLinkCard | HomeDataCard

/** A card that opens one of the module's pages. */
export interface HomeLinkCard {
  /** i18n key of the title. */
  label: string
  /** i18n key of the one-line description. */
  description?: string
  /** Named route the card opens. */
  route: string
  /** Permission needed to see the card. */
  permission?: string
  /** Tabler icon name (README, "Icons"). */
  icon?: string
}

/**
 * A card of "Mi día" that shows data for the signed-in user: the kernel calls its loader (all
 * cards' loaders in parallel) on each visit of the start page. Loaders must be cheap: indexed
 * queries with a LIMIT, scoped with `access.scope(...)` as the lists are.
 */
export interface HomeDataCard {
  /** Local name, a-z, 0-9 and _ (the card's key is `<module>.<key>`). */
  key: string
  /** i18n key of the title. */
  label: string
  /** Loads the card's loader (default export); lazy, like search providers. */
  loader: () => Promise<{ default: HomeCardLoader }>
  /** Width on wide screens: `sm` one column of three, `md` (default) one of two, `lg` the full row. */
  size?: 'sm' | 'md' | 'lg'
  /** Permission needed to see the card. */
  permission?: string
  /** Tabler icon name (README, "Icons"). */
  icon?: string
}

/** What a home card's loader gets: who asks, a translator in the user's language and a row limit. */
export interface HomeCardParams<Access = RequestAccess> {
  access: Access
  t: (key: string, params?: Record<string, unknown>) => string
  /** The user's language (`es`, `en`). */
  locale: string
  limit: number
}

/** One line of a data card: texts already translated. */
export interface HomeCardItem {
  title: string
  detail?: string | null
  href?: string | null
  /** ISO date-time, shown as a relative date. */
  at?: string | null
  icon?: string | null
}

/**
 * What a data card shows (texts already translated): lines, links or a progress bar; `empty`
 * says what to do when it has none of them.
 */
export interface HomeCardData {
  items?: HomeCardItem[]
  links?: { label: string; href: string; icon?: string | null }[]
  progress?: { value: number; target: number; text: string }
  empty: { message: string; action?: { label: string; href: string } }
}

/** Loads a data card for one user. `Access` is the kernel's AccessContext. */
export interface HomeCardLoader<Access = any> {
  load(params: HomeCardParams<Access>): Promise<HomeCardData>
}

/** One search hit: what the search box shows and where it leads. */
export interface SearchResult {
  id: number | string
  title: string
  subtitle?: string | null
  href: string
}

/** What a search provider gets: who asks (the request's AccessContext), the text and a limit. */
export interface SearchParams<Access = RequestAccess> {
  access: Access
  q: string
  limit: number
}

/**
 * Finds records of one resource for the kernel's search (`GET /search?q=`), within the user's
 * record scope (`access.scope(query, resource)`, as the lists do; binned rows never match).
 * `Access` is the kernel's AccessContext: declare providers as `SearchProvider<AccessContext>`.
 */
export interface SearchProvider<Access = any> {
  /**
   * Legacy: finds records itself. A provider that declares `documents` is read from the
   * kernel's search index instead, and `search` is not called.
   */
  search?(params: SearchParams<Access>): Promise<SearchResult[]>
  /**
   * The index documents of these records of the organization (all of them with no `ids`, from
   * `afterId` on, `limit` at a time: the reindex command). Binned or missing records have none.
   */
  documents?(params: IndexDocumentsParams): Promise<SearchDocument[]>
  /** The page of a record found in the index. */
  href?(recordId: number): string
}

/** What a provider's `documents` gets. */
export interface IndexDocumentsParams {
  organizationId: number
  ids?: number[]
  afterId?: number
  limit?: number
  client: QueryClientContract
}

export interface SearchDefinition {
  /** The resource searched; the kernel asks the provider only if the user may `<resource>.view`. */
  resource: string
  provider: () => Promise<{ default: SearchProvider }>
  /** Tabler icon name shown beside its hits in the command palette. */
  icon?: string
}

export interface NavigationItem {
  /** i18n key. */
  label: string
  /** Named route. */
  route: string
  /** Permission needed to see the entry. */
  permission?: string
  /** Tabler icon name, kebab-case as on tabler.io/icons (`building`, `address-book`). */
  icon?: string
  /**
   * `settings`: a configuration page (teams, rules, forms…). The menu lists these under one
   * folded "<module> settings" entry per module instead of among the daily pages.
   */
  section?: 'settings'
}

/**
 * An action another module offers on record pages (mail's "Escribir correo" on a contact): a
 * button among the record's quick actions, for the listed subject types, opening `route` with
 * `?record=<subject type>:<id>`.
 */
export interface RecordActionItem extends Omit<NavigationItem, 'section'> {
  subjects: string[]
  /**
   * A built-in quick action this one stands for: `mailto` hides the kernel's «Enviar correo»
   * (a mailto: link) on those record pages while the action is offered (module enabled, user allowed).
   */
  replaces?: RecordActionReplaces
}

/** Built-in quick actions a module's record action may replace. */
export type RecordActionReplaces = 'mailto'

/** A kind of record the module writes to the audit log and the timeline. */
export interface SubjectDefinition {
  /** Subject type as recorded, `<module>.<singular>`, e.g. `crm.company`. */
  type: string
  /** i18n key of the record type's name, e.g. `crm.companies.one`. */
  label: string
  /** i18n key prefix of the audited fields' labels (`<fields>.<field>`), e.g. `crm.companies.fields`. */
  fields?: string
  /** i18n keys of fields whose audit label is not `<fields>.<field>` (a contact's full `name`). */
  fieldLabels?: Record<string, string>
  /**
   * Coded fields: field → i18n prefix of the codes' labels (`<prefix>.<code>`),
   * e.g. `{ industry: 'crm.industries' }`.
   */
  values?: Record<string, string>
  /** i18n key naming several of these records mid-sentence ("empresas"), for entries about a list (an export). */
  collection?: string
  /**
   * Fields holding a code of an editable list (`lists`): field → list key, e.g.
   * `{ industry: 'crm.industries' }`. Their audit labels are the organization's list labels.
   */
  lists?: Record<string, string>
}

/**
 * A timeline entry kind of the module's own (app/history/kinds.ts): `<module>.<name>`, as
 * stored. The kernel's kinds (created, updated, note, binned…) need no declaration.
 */
export interface TimelineKindDefinition {
  /** `<module>.<name>`, at most 40 characters, e.g. `crm.call_logged`. */
  kind: string
  /** i18n key of the entry's title in the module's lang files; receives `{actor}`. */
  label: string
  /** Icon name known to the timeline (resources/js/ui/timeline.tsx). */
  icon?: string
  /**
   * The record page's filter chip the kind shows under: a kernel one (`notes`, `changes`,
   * `documents`) or the i18n key of the module's own chip label (kinds sharing it join one
   * chip). Without it the kind shows only under "Todo".
   */
  filter?: string
  /**
   * The entry is a message exchanged with the record's people: `in` received (a captured
   * e-mail), `out` sent. Other modules react to it without knowing the writer (the CRM's
   * automatic tasks: "a message arrived and nobody answered"). Such entries carry
   * `data.summary` (what to call the message) and `data.dedupeKey` (one message linked to
   * several records has one key).
   */
  message?: 'in' | 'out'
}

/** An audit action of the module's own; the kernel's (create, update, delete…) need none. */
export interface AuditActionDefinition {
  /** `<module>.<name>`, at most 16 characters (audit_logs.action), e.g. `crm.merge`. */
  action: string
  /** i18n key of the action's label in the module's lang files. */
  label: string
}

/** A default value of an editable list, with its labels in both languages. */
export interface ListValueDefinition {
  /** Stored in the module's rows; never changes. */
  code: string
  labels: { es: string; en: string }
}

/**
 * A list of values an administrator edits in Administración › Listas (sectors, company
 * types…), instead of constants in code. The kernel keeps per-organization values seeded from
 * `values`; the module reads them through `#app/settings/lists`.
 */
export interface ListDefinition {
  /** `<module>.<name>`, e.g. `crm.industries`. */
  key: string
  /** i18n key of the list's name. */
  label: string
  /** i18n key of a sentence saying where the list is used (optional). */
  description?: string
  /** `open`: values may be added and removed; `labels`: only relabelled, reordered, (de)activated. */
  editable: 'open' | 'labels'
  values: ListValueDefinition[]
  /**
   * How many of the organization's records use a code (a value in use cannot be removed, only
   * deactivated). Without it, removal is refused for codes the module may store.
   */
  usage?: () => Promise<{
    default: (organizationId: number, code: string) => Promise<number>
  }>
}

export type RouteRegistrar = (router: HttpRouterService) => void

/** A middleware reference a public route passes to `.use(…)`. */
export type PublicGuard = Parameters<ReturnType<HttpRouterService['get']>['use']>[0]

/**
 * The guards a module's public routes use (README, "Public routes"). Every state-changing
 * public route must use `webhook` or `signed` (the kernel refuses to boot otherwise): they
 * replace the CSRF check of signed-in routes.
 */
export interface PublicRouteGuards {
  /** The URL must be a link made by `signedUrl(route, params, { purpose, … })` and not expired. */
  signed(purpose: string): PublicGuard
  /** The raw body must be HMAC-signed with the organization's secret for this module's hook. */
  webhook(name: string): PublicGuard
  /** This route's rate limit per IP (instead of the default 60 a minute). */
  throttle(options: { requests: number; every: string }): PublicGuard
}

/** Registers a module's public routes (no sign-in), mounted under `/p/<module>/:organization`. */
export type PublicRouteRegistrar = (router: HttpRouterService, guards: PublicRouteGuards) => void

/** A class-based event about one organization's data (every module event carries its id). */
export type OrganizationEvent = { organizationId: number }

/** What a module's `listeners` receives to subscribe to other modules' events. */
export interface ModuleEvents {
  /**
   * Runs `handler` for each `event` of an organization where the listening module is enabled
   * (installed and licensed); for the others the event is ignored.
   */
  on<T extends OrganizationEvent>(
    event: new (...args: any[]) => T,
    handler: (event: T) => void | Promise<void>
  ): void
}

/**
 * A background job class: `class X extends Job<Payload>` from `@adonisjs/queue`, with its
 * options (`maxRetries`, `retry.backoff`, `timeout`, `queue`…) in `static options`.
 */
export type JobClassLike = (new (...args: any[]) => { execute(): Promise<void> }) & {
  options?: { name?: string; [option: string]: unknown }
}

/** A cron schedule of one of the module's jobs; it fires once per tick across all instances. */
export interface ScheduleDefinition {
  /** Key of the job in the module's `jobs` export (or a full job name, `<module>.<job>`). */
  job: string
  /** Cron expression: 5 fields, or 6 with seconds first. */
  cron: string
  /** Schedule id within the module (`<module>.<name>`); defaults to the job's name. */
  name?: string
  /** The job's payload at each tick. */
  payload?: Record<string, unknown>
  /** IANA time zone the cron is read in; default UTC. */
  timezone?: string
}

/** How a notification kind reaches a user by e-mail unless she chooses otherwise. */
export type NotificationEmail = 'off' | 'immediate' | 'digest'

/**
 * A kind of notification the module sends (`notify()` of app/notifications). Its key is
 * `<module>.<kind>`; users choose per kind how it reaches them by e-mail (in-app always).
 */
export interface NotificationDefinition {
  /** Local name, a-z, 0-9 and _ (the key is `<module>.<kind>`). */
  kind: string
  /** i18n key of the kind's label (shown in the profile), from the module's lang files. */
  label: string
  defaultEmail: NotificationEmail
}

/** How a dashboard figure is shown: money in minor units, a count, a 0–1 ratio as %, days. */
export type DashboardFormat = 'money' | 'number' | 'percent' | 'days'

/** A filter of a dashboard query, in Cube's REST shape (members of public views). */
export interface DashboardFilter {
  member: string
  operator: string
  values?: string[]
}

/** A Cube query over public views (`<view>.<member>`), as @cubejs-client/core sends it. */
export interface DashboardQuery {
  measures?: string[]
  dimensions?: string[]
  /** At most one: the time dimension the period filter and `granularity` apply to. */
  timeDimension?: { dimension: string; granularity?: 'day' | 'week' | 'month' | 'quarter' | 'year' }
  filters?: DashboardFilter[]
  order?: Record<string, 'asc' | 'desc'>
  limit?: number
}

/**
 * Which period a widget's time dimension is limited to: the page's period filter (default), a
 * fixed one (this month, year to date, the filter's year), `past` (every day before today:
 * overdue by due date, which a daily rollup can serve) or none (figures as of now).
 */
export type DashboardPeriod = 'filter' | 'month' | 'ytd' | 'year' | 'past' | 'none'

/**
 * The records behind a figure (drill-down): an ungrouped query on the widget's view in the
 * user's scope, with the widget's filters, the period and the clicked value. `href` is the
 * record page with `:id` replaced by the row's `id` member.
 */
export interface DashboardDrill {
  /** The record's id member, e.g. `crm_pipeline.id`. */
  id: string
  /** Its name member (the link's text). */
  title: string
  /** Further dimensions shown as columns (owner, stage…). */
  columns?: string[]
  /** Measures shown per record (an ungrouped query gives each row's own value: its amount). */
  measures?: string[]
  /** Extra filters (the measure's own condition, e.g. status = won). */
  filters?: DashboardFilter[]
  href: string
  /** Formats of the columns that need one (money, percent…). */
  formats?: Record<string, DashboardFormat>
}

interface DashboardWidgetBase {
  /** Local key, a-z, 0-9 and _, unique in the dashboard. */
  key: string
  /** i18n key of the title. */
  label: string
  /** i18n key of a one-line help text. */
  description?: string
  /** Width on wide screens: `sm` one of four (KPI tiles), `md` one of two, `lg` the full row. */
  size?: 'sm' | 'md' | 'lg'
}

/** A widget drawn from one Cube query over the module's public views. */
export interface DashboardCubeWidget extends DashboardWidgetBase {
  /**
   * `kpi`: a tile with the query's first measure (a second one, if any, as a sub-figure); charts
   * plot the measures over the first dimension (or the time dimension); `table` lists rows.
   */
  kind: 'kpi' | 'bar' | 'line' | 'area' | 'funnel' | 'pie' | 'table'
  query: DashboardQuery
  /** Format of each measure (default `number`); one format applies to every measure. */
  format?: DashboardFormat | Record<string, DashboardFormat>
  period?: DashboardPeriod
  /**
   * The members the page's team and rep filters apply to (left out: that filter does not apply,
   * e.g. a view without a team).
   */
  teamMember?: string
  repMember?: string
  /**
   * Dimensions that replace the query's when the team filter is set: e.g. a funnel groups by
   * the step every pipeline shares, and by the team's own stages once a team is chosen.
   */
  teamDimensions?: string[]
  /**
   * `cumulative`: a running total over the time dimension; `yoy`: the filter's year against the
   * year before, by month (the query's time dimension at month granularity).
   */
  series?: 'plain' | 'cumulative' | 'yoy'
  drill?: DashboardDrill
}

/** What a figures provider gets: who asks, the period and the page's filters. */
export interface DashboardFiguresParams<Access = RequestAccess> {
  access: Access
  /** First and last day (YYYY-MM-DD) of the page's period. */
  from: string
  to: string
  teamId: number | null
  repId: number | null
  locale: string
  t: (key: string, params?: Record<string, unknown>) => string
}

/** One row of a figures widget: a label and its figures (money in minor units, as strings). */
export interface DashboardFiguresRow {
  label: string
  href?: string | null
  values: Record<string, string | number | null>
}

/** A figures widget's data: its columns (translated, with formats) and rows. */
export interface DashboardFiguresData {
  columns: { key: string; label: string; format: DashboardFormat }[]
  rows: DashboardFiguresRow[]
}

/**
 * A widget whose figures the module computes itself on the server (e.g. quota attainment from
 * the CRM's quotas), through a lazy provider, in the user's scope.
 */
export interface DashboardFiguresWidget extends DashboardWidgetBase {
  kind: 'figures'
  provider: () => Promise<{ default: DashboardFiguresProvider }>
}

export interface DashboardFiguresProvider<Access = any> {
  load(params: DashboardFiguresParams<Access>): Promise<DashboardFiguresData>
}

export type DashboardWidget = DashboardCubeWidget | DashboardFiguresWidget

/**
 * A management dashboard the module declares and the analytics module renders
 * (`/analytics/dashboards/<module>/<key>`): KPI tiles, charts and tables over the module's
 * public Cube views, with period, team and rep filters and drill-down to the records.
 */
export interface DashboardDefinition {
  /** Local key, a-z, 0-9 and _ (the dashboard's id is `<module>.<key>`). */
  key: string
  /** i18n key of the title; `description` of the one-line subtitle. */
  label: string
  description?: string
  /** Permission needed to open it (one of the module's own). */
  permission: string
  /** Tabler icon name. */
  icon?: string
  /** A rep's own dashboard: every widget's rep filter is the signed-in user (no rep picker). */
  mine?: boolean
  /** Which of the page's filters it offers (default all three). */
  filters?: ('period' | 'team' | 'rep')[]
  /** Members listing the team and rep pickers' options (`<view>.team_id` + `<view>.team_name`…). */
  pickers?: { team?: { id: string; name: string }; rep?: { id: string; name: string } }
  widgets: DashboardWidget[]
}

/**
 * A module's manifest after loading: what it declares with the defaults from its name filled
 * in (app/registry/loader.ts). A module declares a `ModuleDeclaration` (`defineModule`).
 */
export interface ModuleManifest {
  /** Folder, route prefix, table prefix, permission prefix and Cube subfolder. */
  name: string
  /** i18n keys of the module's title and description; default `<name>.module.label|description`. */
  label: string
  description: string
  version: string
  tier: Tier
  dependsOn: string[]
  optionalDeps?: string[]
  resources?: ResourceDefinition[]
  permissions?: PermissionDefinition[]
  navigation?: NavigationItem[]
  /**
   * Quick actions the command palette offers ("Nueva empresa"): a label, a named route, the
   * permission it needs and an icon, like a navigation entry.
   */
  actions?: NavigationItem[]
  /** Buttons among other modules' (or its own) record pages' quick actions (RecordActionItem). */
  recordActions?: RecordActionItem[]
  /** Cards of the start page (each shown when the module is enabled and the user has `permission`). */
  cards?: HomeCard[]
  /** Management dashboards over the module's Cube views (README "Dashboards"; app/registry/dashboards.ts). */
  dashboards?: DashboardDefinition[]
  /** Search providers of the kernel's search (`GET /search`), one per resource. */
  search?: SearchDefinition[]
  /** Record types the module audits, so the audit log can name them and their fields. */
  subjects?: SubjectDefinition[]
  /** Timeline kinds the module writes beyond the kernel's (labelled from its lang files). */
  timelineKinds?: TimelineKindDefinition[]
  /** Audit actions the module writes beyond the kernel's (labelled from its lang files). */
  auditActions?: AuditActionDefinition[]
  /** Editable lists (Administración › Listas) whose values the module stores as codes. */
  lists?: ListDefinition[]
  /** Notification kinds the module sends with `notify()` (README, "Notificaciones"). */
  notifications?: NotificationDefinition[]
  /** Registers the module's routes; the kernel mounts them under `/<name>` behind its guards. */
  routes?: () => Promise<{ default: RouteRegistrar }>
  /**
   * Registers routes reachable without signing in, mounted under `/p/<name>/:organization`
   * (the organization's slug) with no session: the module must be enabled for that organization
   * (else 404), each route is rate limited per IP, and guards its access with `signed(…)` or
   * `webhook(…)` (PublicRouteGuards).
   */
  publicRoutes?: () => Promise<{ default: PublicRouteRegistrar }>
  /**
   * Registers event listeners; called once at boot (start/events.ts) with a subscriber whose
   * handlers run only for organizations where this module is enabled. Listen to the events of
   * `dependsOn` / `optionalDeps` modules, imported from their `events/`.
   */
  listeners?: () => Promise<{ default: (events: ModuleEvents) => void | Promise<void> }>
  /**
   * Background job classes, by key (a lazy import of a file that exports them). Each job's
   * name is its `static options.name`, or `<module>.<key in snake_case>` by default; dispatch it
   * with `MyJob.dispatch(payload)` (README, "Trabajos y tareas programadas").
   */
  jobs?: () => Promise<Record<string, unknown>>
  /** Cron schedules of the module's jobs (registered by the web process, run by any worker). */
  schedules?: ScheduleDefinition[]
  /** Seeds demo data for one organization. */
  demoSeeder?: () => Promise<{ default: (params: DemoSeedParams) => Promise<void> }>
  /** Folder of migrations, relative to the module root; default `database/migrations` if it exists. */
  migrations?: string
  /** Folder of translation files (`es.json`, `en.json`), relative to the module root; default `lang` if it exists. */
  lang?: string
  /** Folder of the Cube data model, relative to the application root; default `cube/schema/<name>` if it exists. */
  cubeSchema?: string
  /** `import.meta.url` of the manifest, used to locate the module's folders. */
  root: string
}

export interface DemoSeedParams {
  organizationId: number
  /** User ids by demo role: admin, manager, reps, support. */
  users: Record<string, number>
  random: () => number
}

/** A manifest after loading: where it lives and where it came from. */
export interface LoadedModule {
  manifest: ModuleManifest
  /** Absolute directory of the module. */
  dir: string
  source: 'builtin' | 'package'
  /** npm package name for modules that come from a package. */
  packageName?: string
  /** For package modules: the manifest's folder relative to the package root ('' at the root). */
  packageSubdir?: string
}

type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>

/** What a module writes in its manifest: fields derivable from the name are optional. */
export type ModuleDeclaration = Optional<
  Omit<ModuleManifest, 'resources' | 'permissions'>,
  'label' | 'description'
> & {
  resources?: Optional<ResourceDefinition, 'label'>[]
  permissions?: Optional<PermissionDefinition, 'label'>[]
}

/** Ensures a manifest has the right shape at compile time. */
export function defineModule(manifest: ModuleDeclaration): ModuleDeclaration {
  return manifest
}
