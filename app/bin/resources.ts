import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/*
 * Which resources accept the recycle bin (from the manifests, registered when the registry
 * loads), and the kernel services that keep rows of their own about any record ("children":
 * documents, …) and must bin, restore and purge them with it.
 */

/**
 * A manifest's `bin` (BinDefinition in #app/registry/types) with its resource and module;
 * typed loosely here so that access checks can read it without importing the manifest types.
 */
export interface BinResource {
  key: string
  module: string
  subject: string
  column?: string
  handlers: () => Promise<{ default: unknown }>
}

let resources = new Map<string, BinResource>()

/** Called by the registry once the manifests are loaded. */
export function registerBinResources(list: BinResource[]) {
  resources = new Map(list.map((r) => [r.key, r]))
}

/** The bin definition of a resource, or undefined when it does not accept the bin. */
export function binResource(resource: string) {
  return resources.get(resource)
}

/** Keys of the resources that accept the bin. */
export function binResources(): string[] {
  return [...resources.keys()]
}

/** The column marking a binned row of `resource`, or null when the resource has no bin. */
export function binColumn(resource: string): string | null {
  const definition = resources.get(resource)
  return definition ? (definition.column ?? 'deleted_at') : null
}

/** One record, as a kernel child service sees it: inside the bin's transaction. */
export interface BinChildContext {
  organizationId: number
  actorId: number | null
  resource: string
  recordId: number
  /** The record's timeline subject type, e.g. `crm.company`. */
  subjectType: string
  trx: TransactionClientContract
}

/**
 * A kernel service with rows attached to records (documents…). `trash` runs after the module's
 * own handler, `restore` after the record is back, `purge` before the record is deleted.
 */
export interface BinChild {
  name: string
  trash?(ctx: BinChildContext): Promise<void>
  restore?(ctx: BinChildContext): Promise<void>
  purge?(ctx: BinChildContext): Promise<void>
}

const children = new Map<string, BinChild>()

/** Registers (or replaces, by name) a kernel child service of binned records. */
export function registerBinChild(child: BinChild): () => void {
  children.set(child.name, child)
  return () => children.delete(child.name)
}

export function binChildren(): BinChild[] {
  return [...children.values()]
}
