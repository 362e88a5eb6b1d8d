import type { TransactionClientContract, QueryClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'

/*
 * What a module supplies to import into one of its resources (manifest: resource.import).
 * The kernel reads the file, maps columns, finds duplicates, previews, commits in batches and
 * rolls back; the module knows its fields, keys, rules and tables.
 */

/** A column the user can map a file header to. */
export interface ImportField {
  key: string
  /** i18n key of the label; headers matching it in Spanish or English map automatically. */
  label: string
  /** A label that is already text, not an i18n key (a custom field's); headers matching it map. */
  text?: string
  /** How the preview shows a value of the field (a choice's label for its code…). */
  display?(value: string, t: (key: string) => string): string
  /** Other header names that mean this field (lowercase, without accents). */
  aliases?: string[]
  /** A coded field: key of the editable list holding its codes (`crm.industries`), for the preview's labels. */
  codes?: string
}

/** A duplicate key, in priority order: `name` is shown ("nif", "email"…). */
export interface ImportKey {
  name: string
  /** The field holding the key's value in a validated row. */
  field: string
  /** The normalized form compared (and stored in its own indexed column), or null. */
  normalize(value: string): string | null
}

/** A reason a line is refused: an i18n key and its values. */
export interface ImportReason {
  key: string
  values?: Record<string, unknown>
}

/** Flat values of the importable fields (strings, or null when empty). */
export type ImportValues = Record<string, string | null>

export interface ImportContext {
  organizationId: number
  actorId: number
  access: AccessContext
  /** Language of messages (the importing user's). */
  locale: string
}

export interface WriteContext extends ImportContext {
  trx: TransactionClientContract
  runId: number
  /** What `prepare` returned. */
  state: unknown
}

/** A record found by a key: its id and owner (for the edit scope). */
export interface KeyMatch {
  id: number
  ownerId: number | null
  /** The record is in the recycle bin: the line is refused (restore it first). */
  binned?: boolean
}

export interface ImportDefinition {
  /** Audit/timeline subject type (`crm.company`). */
  subjectType: string
  fields: ImportField[]
  keys: ImportKey[]
  /**
   * Prepares per-import state once (owner lists, lookups). Returned object is passed back to
   * `validate`. Called before each preview or commit.
   */
  prepare?(ctx: ImportContext, client: QueryClientContract): Promise<unknown>
  /**
   * Checks and cleans one line's mapped values (empty cells are absent). Returns the values to
   * write, or a reason. Must not touch the database (batches call it thousands of times).
   */
  validate(values: ImportValues, state: unknown): ImportValues | { reason: ImportReason }
  /**
   * Optional: why a valid line cannot create a record (a required field it lacks, which an
   * update may leave out), or null. Called for the lines that would create.
   */
  missingOnCreate?(values: ImportValues): ImportReason | null
  /**
   * Optional checks that need the database (a linked record that must exist and be visible),
   * for a whole batch at once: a reason per refused row (same order), null for the others.
   * May rewrite values in place (a company name resolved to its canonical form).
   */
  check?(
    rows: ImportValues[],
    ctx: ImportContext & { client: QueryClientContract }
  ): Promise<(ImportReason | null)[]>
  /**
   * Preview only: a note for each line that would create or update a record (null: none), e.g.
   * an existing record of another kind the line resembles. Read in batches, in the importer's
   * `view` scope; the commit does not ask.
   */
  notes?(
    rows: ImportValues[],
    ctx: ImportContext & { client: QueryClientContract }
  ): Promise<(ImportReason | null)[]>
  /** Records of the organization whose key `key` is one of `values` (normalized). One indexed column. */
  lookup(
    key: string,
    values: string[],
    ctx: { organizationId: number; client: QueryClientContract }
  ): Promise<Map<string, KeyMatch>>
  /** Current values of the importable fields of these records (the before-image). */
  snapshot(
    ids: number[],
    ctx: { organizationId: number; client: QueryClientContract }
  ): Promise<Map<number, ImportValues>>
  /**
   * Whether an incoming value says the same as the stored one though written differently
   * (`http://www.acme.es/` and `https://acme.es`): no change, so no update. Default: equal text.
   */
  same?(field: string, current: string | null, incoming: string): boolean
  /**
   * Optional: values as the record's history (audit log, timeline) shows them, for fields the
   * import carries in another form (a custom field's choice code, a user's id, "1" for yes), the
   * way the record's form writes them. Default: as they are.
   */
  shown?(values: ImportValues, client: QueryClientContract): Promise<Record<string, unknown>>
  /** How a record is named in its timeline entry ("Talleres Gómez S.L."). */
  title(values: ImportValues): string
  /** Creates the records in the caller's transaction; returns their ids in order. */
  create(rows: ImportValues[], ctx: WriteContext): Promise<number[]>
  /**
   * Sets the given fields of existing records (only the fields present in `values`; null
   * empties a field — a rollback gives back an empty before-value this way).
   */
  update(rows: { id: number; values: ImportValues }[], ctx: WriteContext): Promise<void>
  /**
   * Optional: lines per batch of a commit where larger than the default (`batchLines()`,
   * app/import/context.ts: 2,000 on MySQL/MariaDB, else 500), for a
   * resource whose batches carry a larger fixed cost (the lead import runs the assignment rules
   * per batch).
   */
  commitBatch?: number
  /**
   * Optional: on MySQL/MariaDB a commit may write two batches at once, each in its own
   * transaction (app/import/commit.ts). Only for a definition whose batches do not depend on
   * the writes of the batch before (the lead import's assignment counts each batch's open
   * leads, so it does not say this).
   */
  concurrentBatches?: boolean
  /**
   * Optional: called last in each batch's transaction of a commit, after every write of the
   * batch (state the definition carries from one batch to the next can be sealed here).
   */
  batchWritten?(ctx: WriteContext): Promise<void>
  /** Removes records an import created (rollback). Returns the ids that were still there. */
  remove(ids: number[], ctx: WriteContext): Promise<number[]>
}

/** Type-checks a module's import definition (the manifest's `resource.import` default export). */
export function defineImport(definition: ImportDefinition): ImportDefinition {
  return definition
}
