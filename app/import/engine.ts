import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type {
  ImportContext,
  ImportDefinition,
  ImportReason,
  ImportValues,
  KeyMatch,
} from './types.js'
import type { FileRow } from './read.js'
import type { Mapping } from './mapping.js'

/*
 * Decides, batch by batch, what each line of a file does: create, update (field by field),
 * duplicate (of a record, or of an earlier line, with the key that matched) or rejected (with
 * the reason). The same code drives the preview and the commit, so they agree.
 */

export type Outcome = 'create' | 'update' | 'duplicate' | 'rejected'

export interface FieldChange {
  field: string
  from: string | null
  to: string | null
}

export interface LineResult {
  line: number
  outcome: Outcome
  of?: { kind: 'record' | 'line'; id: number }
  key?: string
  reason?: ImportReason
  /** Preview of a create or update: what the definition's `notes` said about the line. */
  note?: ImportReason
  /** Create: every value; update: the fields that change. */
  changes?: FieldChange[]
  values?: ImportValues
  recordId?: number
}

/**
 * A text cell made safe: trimmed, our export's formula guard (an apostrophe before = + - @)
 * removed, and a cell a spreadsheet would still run as a formula (= or @ first) kept inert
 * behind an apostrophe.
 */
export function neutralize(cell: string): string {
  let text = cell.replace(/^[\t\r\n ]+|[\t\r\n ]+$/g, '')
  if (/^'[=+\-@]/.test(text)) text = text.slice(1)
  if (/^[=@]/.test(text)) text = `'${text}`
  return text
}

type Checked = ImportValues | { reason: ImportReason }

/** Whether validation refused the line (values never hold an object). */
export function refused(checked: Checked): checked is { reason: ImportReason } {
  const r = (checked as { reason?: unknown }).reason
  return typeof r === 'object' && r !== null
}

export class Analyser {
  /** Per key: normalized value → first line that had it. */
  #seen = new Map<string, Map<string, number>>()
  /** Record id → first line that matched it. */
  #records = new Map<number, number>()

  constructor(
    readonly def: ImportDefinition,
    readonly ctx: ImportContext,
    readonly resource: string,
    readonly mapping: Mapping,
    readonly state: unknown
  ) {
    for (const k of def.keys) this.#seen.set(k.name, new Map())
  }

  /** The mapped, non-empty values of a file row. */
  values(row: FileRow): ImportValues {
    const values: ImportValues = {}
    this.mapping.forEach((field, i) => {
      if (!field) return
      const text = neutralize(row.cells[i] ?? '')
      if (text) values[field] = text
    })
    return values
  }

  #check(row: FileRow): Checked {
    const values = this.values(row)
    if (Object.values(values).some((v) => v?.includes('\uFFFD')))
      return { reason: { key: 'import.reasons.encoding' } }
    if (!Object.keys(values).length) return { reason: { key: 'import.reasons.empty' } }
    return this.def.validate(values, this.state)
  }

  #keys(values: ImportValues): [string, string][] {
    const keys: [string, string][] = []
    for (const k of this.def.keys) {
      const raw = values[k.field]
      const norm = raw ? k.normalize(raw) : null
      if (norm) keys.push([k.name, norm])
    }
    return keys
  }

  #register(line: number, keys: [string, string][]) {
    for (const [name, norm] of keys) {
      const seen = this.#seen.get(name)!
      if (!seen.has(norm)) seen.set(norm, line)
    }
  }

  /** Lines already committed (a resumed commit): their keys count for later lines. */
  remember(rows: FileRow[]) {
    for (const row of rows) {
      const checked = this.#check(row)
      if (!refused(checked)) this.#register(row.line, this.#keys(checked))
    }
  }

  async analyse(
    rows: FileRow[],
    client: QueryClientContract,
    options: { notes?: boolean } = {}
  ): Promise<LineResult[]> {
    const results: LineResult[] = []
    const pending: { result: LineResult; values: ImportValues; keys: [string, string][] }[] = []
    const checkedRows = rows.map((row) => ({ row, checked: this.#check(row) as Checked }))
    if (this.def.check) {
      const valid = checkedRows.filter((c) => !refused(c.checked))
      const reasons = await this.def.check(
        valid.map((c) => c.checked as ImportValues),
        { ...this.ctx, client }
      )
      valid.forEach((c, i) => {
        if (reasons[i]) c.checked = { reason: reasons[i]! }
      })
    }
    for (const { row, checked } of checkedRows) {
      if (refused(checked)) {
        results.push({ line: row.line, outcome: 'rejected', reason: checked.reason })
        continue
      }
      const keys = this.#keys(checked)
      const earlier = keys.find(([name, norm]) => this.#seen.get(name)!.has(norm))
      const result: LineResult = { line: row.line, outcome: 'create', values: checked }
      results.push(result)
      if (earlier) {
        result.outcome = 'duplicate'
        result.of = { kind: 'line', id: this.#seen.get(earlier[0])!.get(earlier[1])! }
        result.key = earlier[0]
        delete result.values
        continue
      }
      this.#register(row.line, keys)
      pending.push({ result, values: checked, keys })
    }
    await this.#matchRecords(pending, client)
    if (this.def.missingOnCreate)
      for (const r of results) {
        const reason = r.outcome === 'create' ? this.def.missingOnCreate(r.values!) : null
        if (reason) {
          Object.assign(r, { outcome: 'rejected', reason })
          delete r.values
        }
      }
    if (options.notes && this.def.notes) {
      const open = pending.filter((p) => ['create', 'update'].includes(p.result.outcome))
      const notes = open.length
        ? await this.def.notes(
            open.map((p) => p.values),
            { ...this.ctx, client }
          )
        : []
      open.forEach((p, i) => {
        if (notes[i]) p.result.note = notes[i]!
      })
    }
    return results
  }

  /** One lookup per key (its own index), then the before-images of the matched records. */
  async #matchRecords(
    pending: { result: LineResult; values: ImportValues; keys: [string, string][] }[],
    client: QueryClientContract
  ) {
    const found = new Map<string, Map<string, KeyMatch>>()
    for (const k of this.def.keys) {
      const wanted = [
        ...new Set(pending.flatMap((p) => p.keys.filter(([n]) => n === k.name).map(([, v]) => v))),
      ]
      found.set(
        k.name,
        wanted.length
          ? await this.def.lookup(k.name, wanted, {
              organizationId: this.ctx.organizationId,
              client,
            })
          : new Map()
      )
    }
    const matched: { p: (typeof pending)[number]; match: KeyMatch; key: string }[] = []
    for (const p of pending) {
      for (const [name, norm] of p.keys) {
        const match = found.get(name)!.get(norm)
        if (match) {
          matched.push({ p, match, key: name })
          break
        }
      }
    }
    if (!matched.length) return
    const canEdit = this.ctx.access.can(`${this.resource}.edit`)
    const editable = canEdit
      ? await this.ctx.access.constraint(this.resource, 'edit', client)
      : { kind: 'none' as const }
    const before = await this.def.snapshot([...new Set(matched.map((m) => m.match.id))], {
      organizationId: this.ctx.organizationId,
      client,
    })
    for (const { p, match, key } of matched) {
      const result = p.result
      result.key = key
      if (match.binned) {
        result.outcome = 'rejected'
        result.reason = { key: 'import.reasons.binned' }
        delete result.of
        delete result.values
        continue
      }
      const firstLine = this.#records.get(match.id)
      if (firstLine !== undefined) {
        Object.assign(result, { outcome: 'duplicate', of: { kind: 'line', id: firstLine } })
        delete result.values
        continue
      }
      this.#records.set(match.id, result.line)
      result.of = { kind: 'record', id: match.id }
      result.recordId = match.id
      const current = before.get(match.id) ?? {}
      const changes = Object.entries(p.values)
        .filter(([field, value]) => {
          const stored = current[field] ?? null
          return stored !== value && !(value && this.def.same?.(field, stored, value))
        })
        .map(([field, value]) => ({ field, from: current[field] ?? null, to: value }))
      // Out of the importer's edit scope: refused whatever the line holds, so the preview never
      // tells whether (or which) record it matched.
      const inScope =
        editable.kind === 'all' ||
        (editable.kind === 'owners' &&
          match.ownerId !== null &&
          editable.ownerIds.includes(match.ownerId))
      if (!inScope) {
        result.outcome = 'rejected'
        result.reason = { key: 'import.reasons.not_editable' }
        delete result.of
        delete result.recordId
        delete result.values
        continue
      }
      if (!changes.length) {
        result.outcome = 'duplicate'
        delete result.values
        continue
      }
      result.outcome = 'update'
      result.changes = changes
      result.values = Object.fromEntries(changes.map((c) => [c.field, c.to]))
    }
  }
}

/** Adds a batch's outcomes to the totals. */
export function count(totals: Record<string, number>, results: LineResult[]) {
  for (const r of results) {
    if (r.outcome === 'create') totals.created++
    else if (r.outcome === 'update') totals.updated++
    else if (r.outcome === 'duplicate') totals.duplicates++
    else totals.rejected++
  }
}
