import type { HttpRouterService } from '@adonisjs/core/types'

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
  /** i18n key of the resource label. */
  label: string
  /** Actions that become permission keys `<resource>.<action>`. */
  actions: string[]
  /**
   * Accepts CSV/XLSX import (app/import): the default export is an `ImportDefinition` built
   * with `defineImport` from `#app/import/types` (fields, duplicate keys, row validation,
   * batch writes; typed there, not here, so the registry does not depend on the access layer).
   * Importing needs the resource's `create` permission; updates need `edit` and its scope.
   */
  import?: () => Promise<{ default: object }>
  /** The resource's records accept attached files (kernel documents service, app/documents). */
  documents?: DocumentsDefinition
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

export interface PermissionDefinition {
  key: string
  label: string
}

export interface NavigationItem {
  /** i18n key. */
  label: string
  /** Named route. */
  route: string
  /** Permission needed to see the entry. */
  permission?: string
  /** Icon name known to the UI shell. */
  icon?: string
}

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

/** What a module declares about itself in `modules/<name>/module.ts`. */
export interface ModuleManifest {
  /** Folder, route prefix, table prefix, permission prefix and Cube subfolder. */
  name: string
  /** i18n keys of the module's title and description. */
  label: string
  description: string
  version: string
  tier: Tier
  dependsOn: string[]
  optionalDeps?: string[]
  resources?: ResourceDefinition[]
  permissions?: PermissionDefinition[]
  navigation?: NavigationItem[]
  /** Record types the module audits, so the audit log can name them and their fields. */
  subjects?: SubjectDefinition[]
  /** Editable lists (Administración › Listas) whose values the module stores as codes. */
  lists?: ListDefinition[]
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
  /** Folder of migrations, relative to the module root. */
  migrations?: string
  /** Folder of translation files (`es.json`, `en.json`), relative to the module root. */
  lang?: string
  /** Folder of the Cube data model, relative to the application root. */
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

/** Ensures a manifest has the right shape at compile time. */
export function defineModule(manifest: ModuleManifest): ModuleManifest {
  return manifest
}
