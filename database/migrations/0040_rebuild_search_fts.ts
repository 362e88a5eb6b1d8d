import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * The search index's FTS5 table rebuilt for speed (app/search/fts.ts; README "Búsqueda"): no
 * positions or columns stored (`detail=none`, `columnsize=0`: the search ranks without bm25),
 * prefix indexes of 1 to 6 characters (a typed word is a prefix query), and `tags` as
 * "_r1crmcompanies _u7" — organization and resource in one token, "_" (a token character here,
 * never in the folded body) keeping scope tokens apart from words without a column filter.
 * The documents' `tags` are rewritten on every database (only SQLite reads them), then FTS5's
 * 'rebuild' indexes the documents again. SQL only: this file must not follow app code.
 */
const SQLITE = ['better-sqlite3', 'sqlite3', 'libsql']

const FTS_0030 =
  `CREATE VIRTUAL TABLE search_fts USING fts5(body, tags, content='search_documents', ` +
  `content_rowid='id', tokenize='unicode61 remove_diacritics 2')`
const FTS_0040 =
  `CREATE VIRTUAL TABLE search_fts USING fts5(body, tags, content='search_documents', ` +
  `content_rowid='id', tokenize="unicode61 remove_diacritics 2 tokenchars '_'", ` +
  `detail=none, columnsize=0, prefix='1 2 3 4 5 6')`

const TRIGGERS = [
  `CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
     INSERT INTO search_fts(rowid, body, tags) VALUES (new.id, new.body, new.tags); END`,
  `CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
     INSERT INTO search_fts(search_fts, rowid, body, tags)
       VALUES ('delete', old.id, old.body, old.tags); END`,
  `CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
     INSERT INTO search_fts(search_fts, rowid, body, tags)
       VALUES ('delete', old.id, old.body, old.tags);
     INSERT INTO search_fts(rowid, body, tags) VALUES (new.id, new.body, new.tags); END`,
]

export default class extends BaseSchema {
  async up() {
    this.#rebuild('new')
  }

  async down() {
    this.#rebuild('old')
  }

  /** Drops the FTS table, rewrites the tags in the given form, recreates and refills it. */
  #rebuild(form: 'new' | 'old') {
    const sqlite = SQLITE.includes(this.db.dialect.name)
    if (sqlite) {
      for (const t of ['search_documents_au', 'search_documents_ad', 'search_documents_ai'])
        this.schema.raw(`DROP TRIGGER IF EXISTS ${t}`)
      this.schema.raw('DROP TABLE IF EXISTS search_fts')
    }
    // The token rule of app/search/fts.ts (scopeTag) as it stood: the resource key without
    // anything but letters and digits (keys are "module.snake_case"), lowercase.
    const concat = (...parts: string[]) =>
      sqlite ? parts.join(' || ') : `CONCAT(${parts.join(', ')})`
    const resource = `LOWER(REPLACE(REPLACE(REPLACE(resource, '.', ''), '_', ''), '-', ''))`
    const owner = 'COALESCE(owner_id, 0)'
    const tags =
      form === 'new'
        ? concat(`'_r'`, 'organization_id', resource, `' _u'`, owner)
        : concat(`'o'`, 'organization_id', `' r'`, resource, `' u'`, owner)
    this.schema.raw(`UPDATE search_documents SET tags = ${tags}`)
    if (!sqlite) return
    this.schema.raw(form === 'new' ? FTS_0040 : FTS_0030)
    for (const trigger of TRIGGERS) this.schema.raw(trigger)
    this.schema.raw(`INSERT INTO search_fts(search_fts) VALUES ('rebuild')`)
  }
}
