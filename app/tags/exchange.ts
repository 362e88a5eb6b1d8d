import type { ImportDefinition, ImportValues, WriteContext } from '#app/import/types'
import { ensureTags } from './tags.js'
import { changeTags, tagCells, tagsOfRecords } from './taggings.js'
import { cleanTagName, TAG_CHANGE_MAX, TAG_NAME_MAX, tagKey } from './types.js'

/*
 * The "Etiquetas" column of a resource's import, so that a list's export imports back: the
 * names joined with ", " as the export writes them. A new record gets those tags (missing ones
 * are created); an updated record's tags become the ones listed (an empty cell leaves them as
 * they are), so re-importing an export changes nothing and undoing an import gives back the
 * tags the records had. The import engine writes the history (field `tags`) with the rest.
 */

export const TAGS_FIELD = 'tags'

/** The names of a cell: "VIP, Frío" → ['VIP', 'Frío'] (duplicates by folded name dropped). */
export function tagNamesOfCell(cell: string): string[] {
  const seen = new Map<string, string>()
  for (const part of cell.split(/[,;]/)) {
    const name = cleanTagName(part)
    if (name && !seen.has(tagKey(name))) seen.set(tagKey(name), name)
  }
  return [...seen.values()]
}

const folded = (cell: string | null) =>
  cell ? tagNamesOfCell(cell).map(tagKey).sort().join(',') : ''

/** The module's import definition with an "Etiquetas" / "Tags" target. */
export function withTagsImport(
  def: ImportDefinition,
  resource: string,
  organizationId: number
): ImportDefinition {
  const split = (values: ImportValues) => {
    const { [TAGS_FIELD]: tags, ...own } = values
    return { own, tags }
  }
  /** Sets each record's tags to its cell's names (creating missing tags), no history. */
  const write = async (
    rows: { id: number; cell: string | null | undefined }[],
    ctx: WriteContext
  ) => {
    const listed = rows.filter((r) => r.cell !== undefined)
    if (!listed.length) return
    const names = [...new Set(listed.flatMap((r) => (r.cell ? tagNamesOfCell(r.cell) : [])))]
    const tags = await ensureTags(organizationId, names, { trx: ctx.trx })
    const idOf = new Map(tags.map((t) => [tagKey(t.name), t.id]))
    const current = await tagsOfRecords(
      organizationId,
      resource,
      listed.map((r) => r.id),
      ctx.trx
    )
    for (const row of listed) {
      const wanted = (row.cell ? tagNamesOfCell(row.cell) : []).map((n) => idOf.get(tagKey(n))!)
      const has = (current.get(row.id) ?? []).map((t) => t.id)
      await changeTags({
        organizationId,
        actorId: ctx.actorId,
        resource,
        subjectType: def.subjectType,
        recordIds: [row.id],
        add: wanted.filter((id) => !has.includes(id)),
        remove: has.filter((id) => !wanted.includes(id)),
        trx: ctx.trx,
        history: false,
      })
    }
  }
  return {
    ...def,
    fields: [
      ...def.fields,
      { key: TAGS_FIELD, label: 'tags.label', aliases: ['etiquetas', 'etiqueta', 'tags', 'tag'] },
    ],
    validate(values, state) {
      const { own, tags } = split(values)
      const checked = def.validate(own, state)
      if ((checked as { reason?: unknown }).reason || !tags) return checked
      const names = tagNamesOfCell(tags)
      if (
        names.length > TAG_CHANGE_MAX ||
        tags.split(/[,;]/).some((n) => n.trim().length > TAG_NAME_MAX)
      )
        return {
          reason: {
            key: 'tags.errors.import',
            values: { max: TAG_CHANGE_MAX, length: TAG_NAME_MAX },
          },
        }
      return { ...(checked as ImportValues), [TAGS_FIELD]: names.join(', ') || null }
    },
    async snapshot(ids, ctx) {
      const own = await def.snapshot(ids, ctx)
      const cells = await tagCells(organizationId, resource, ids, ctx.client)
      for (const [id, row] of own) row[TAGS_FIELD] = cells.get(id) ?? null
      return own
    },
    same(field, current, incoming) {
      if (field === TAGS_FIELD) return folded(current) === folded(incoming)
      return def.same ? def.same(field, current, incoming) : current === incoming
    },
    async create(rows, ctx) {
      const parts = rows.map(split)
      const ids = await def.create(
        parts.map((p) => p.own),
        ctx
      )
      await write(
        ids.map((id, i) => ({ id, cell: parts[i].tags })),
        ctx
      )
      return ids
    },
    async update(rows, ctx) {
      const parts = rows.map((r) => ({ id: r.id, ...split(r.values) }))
      const own = parts.filter((p) => Object.keys(p.own).length)
      if (own.length)
        await def.update(
          own.map((p) => ({ id: p.id, values: p.own })),
          ctx
        )
      await write(
        parts.map((p) => ({ id: p.id, cell: p.tags })),
        ctx
      )
    },
  }
}
