import type { ModuleDeclaration } from './types.js'

/**
 * What one feature of a module (the CRM's leads, pipeline…) adds to the manifest, kept in its own
 * file so features grow without editing one long module.ts. module.ts concatenates the parts.
 */
/** The manifest's list-valued entries (resources, navigation, cards, search, schedules…). */
type ListEntries = {
  [K in keyof ModuleDeclaration]-?: NonNullable<ModuleDeclaration[K]> extends unknown[] ? K : never
}[keyof ModuleDeclaration]

export type ManifestPart = Partial<Pick<ModuleDeclaration, ListEntries>>

type ListKey = keyof ManifestPart

/** The manifest with every part's lists appended to its own, in the parts' order. */
export function withParts(base: ModuleDeclaration, parts: ManifestPart[]): ModuleDeclaration {
  const merged: Record<string, unknown> = { ...base }
  for (const part of parts) {
    for (const key of Object.keys(part) as ListKey[]) {
      const own = (merged[key] as unknown[] | undefined) ?? []
      merged[key] = [...own, ...((part[key] as unknown[] | undefined) ?? [])]
    }
  }
  return merged as unknown as ModuleDeclaration
}
