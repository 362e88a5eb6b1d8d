import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import vine from '@vinejs/vine'
import type { AccessContext } from '#app/access/access_context'
import { assignableOwners, type OwnerOption } from '#app/access/owners'
import { moduleRegistry } from '#app/registry/main'
import { BULK_ACTIONS, bulkPermission, type BulkActionKind } from '#app/registry/types'
import { lists } from '#app/settings/lists'
import { RuleError } from '#app/support/rule_error'
import { translateRule } from '#app/support/http'
import { customFields } from '#app/custom_fields/definitions'
import { BULK_CAP, startBulk } from './bulk.js'
import { BULK_CUSTOM_TYPES } from './engine.js'
import { listTags } from '#app/tags/tags'
import type { TagDto } from '#app/tags/types'

/*
 * The HTTP side of bulk actions, so a module's controller stays thin: `POST <list>/bulk`
 * (route `<resource>.bulk`) answers JSON, and the list page gets `bulkProps` for its bar.
 */

const bulkValidator = vine.compile(
  vine.object({
    action: vine.enum(BULK_ACTIONS),
    ids: vine.array(vine.number().withoutDecimals().positive()).maxLength(BULK_CAP).optional(),
    all: vine.boolean().optional(),
  })
)

/**
 * Runs the bulk action the list's bar sends: 403 without the action's permission, 422 with a
 * translated `message` when the value or the selection is refused, else the outcome (done, or
 * queued with a `runId` to poll at `GET /bulk/runs/:id`).
 */
export async function bulkFromRequest(ctx: HttpContext, resource: string) {
  const body = await ctx.request.validateUsing(bulkValidator)
  // The action's value and the list's filters (its query string, for "all matching") are
  // checked by the module's handler (`prepare`, `matching`).
  const plain = (value: unknown): Record<string, unknown> =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {}
  try {
    return await startBulk({
      access: ctx.access,
      actorId: ctx.auth.getUserOrFail().id,
      resource,
      action: body.action,
      params: plain(ctx.request.input('params')),
      ids: body.all ? null : (body.ids ?? []),
      query: plain(ctx.request.input('query')),
    })
  } catch (error) {
    if (!(error instanceof RuleError)) throw error
    return ctx.response.unprocessableEntity({
      message: translateRule(ctx, error.key, error.values),
      field: error.field ?? null,
    })
  }
}

/**
 * Explicit ids of an export of a selection, at most BULK_CAP: a POST body's `ids` (an array, or
 * "1,2,3"), or a GET's `?ids=1,2,3`; null when a GET names none (the list's filters apply). A
 * POST always names a selection: without ids it is an empty one, never "all".
 */
export function selectedIdsOf(ctx: HttpContext): number[] | null {
  const raw = ctx.request.input('ids')
  const post = ctx.request.method() === 'POST'
  if (raw === undefined || raw === null || raw === '') return post ? [] : null
  const ids = (Array.isArray(raw) ? raw : String(raw).split(','))
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
  return [...new Set(ids)].slice(0, BULK_CAP)
}

export interface BulkFieldProp {
  key: string
  /** i18n key of the label, or (`text`) the label itself (a custom field's). */
  label: string
  text?: string
  kind: 'select' | 'boolean' | 'text' | 'record'
  options?: { value: string; label: string }[]
  lookup?: string
}

/** What the list's bar needs (BulkBar's `config`), or null when the resource has no bulk actions. */
export interface BulkProps {
  resource: string
  actions: BulkActionKind[]
  fields: BulkFieldProp[]
  owners: OwnerOption[]
  endpoint: string
  exportUrl: string | null
  cap: number
  /** i18n key naming several records mid-sentence ("empresas"). */
  collection: string | null
  /** The organization's tags, for "Añadir/Quitar etiquetas" (empty without the action). */
  tags: TagDto[]
}

export async function bulkProps(
  access: AccessContext,
  resource: string,
  locale: string
): Promise<BulkProps | null> {
  const registry = await moduleRegistry()
  const definition = registry.resources().find((r) => r.key === resource)
  if (!definition?.bulk) return null
  // "empresas": the record type's collection label, for "Cambiar el propietario de 240 empresas".
  const subject = definition.bin?.subject ?? definition.customFields?.subject
  const collection =
    registry.modules.flatMap((m) => m.manifest.subjects ?? []).find((s) => s.type === subject)
      ?.collection ?? null
  const actions = definition.bulk.actions.filter(
    (a) => (a !== 'tags' || !!definition.tags) && access.can(`${resource}.${bulkPermission(a)}`)
  )
  if (!actions.length) return null
  const fields: BulkFieldProp[] = await Promise.all(
    (definition.bulk.fields ?? []).map(async (f) => ({
      key: f.key,
      label: f.label,
      kind: f.kind,
      options: f.list
        ? (await lists.options(access.organizationId, f.list, locale)).map((o) => ({
            value: o.value,
            label: o.label,
          }))
        : undefined,
      lookup: f.lookup ? router.makeUrl(f.lookup) : undefined,
    }))
  )
  if (definition.bulk.customFields)
    for (const f of await customFields(access.organizationId, resource)) {
      if (!BULK_CUSTOM_TYPES.includes(f.type)) continue
      fields.push({
        key: `cf.${f.key}`,
        label: f.label,
        text: f.label,
        kind: f.type === 'list' ? 'select' : f.type === 'boolean' ? 'boolean' : 'text',
        options:
          f.type === 'list'
            ? (f.options.choices ?? [])
                .filter((c) => c.active)
                .map((c) => ({ value: c.code, label: c.label }))
            : undefined,
        lookup: undefined,
      })
    }
  return {
    resource,
    actions,
    fields,
    owners: actions.includes('owner')
      ? await assignableOwners(access, resource, { action: 'edit' })
      : [],
    endpoint: router.makeUrl(`${resource}.bulk`),
    exportUrl: actions.includes('export') ? router.makeUrl(`${resource}.bulk_export`) : null,
    cap: BULK_CAP,
    collection,
    tags: actions.includes('tags') ? await listTags(access.organizationId) : [],
  }
}
