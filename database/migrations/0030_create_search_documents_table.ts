import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The search index (app/search): one document per searchable record — what the palette shows
 * (title, subtitle), the owner its record scope is checked on, and `body`, the record's
 * searchable text normalized (lowercase, accents folded) with identifiers also written compact
 * (NIF, phone digits). Binned records have no document.
 * SQLite: an external-content FTS5 table over `body` and `tags` (tokenizer unicode61 with
 * diacritics removed), kept in step by triggers, so a document's write and its index entry
 * share the transaction; `tags` holds organization, resource and owner as tokens, so the
 * scope is part of the MATCH. MariaDB/MySQL: an InnoDB FULLTEXT index on `body` (stopwords off, so "www" or
 * "com" stay searchable). MS SQL: see README "Búsqueda" (a full-text catalog).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('search_documents', (table) => {
      table.bigIncrements('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('resource', 80).notNullable()
      table.bigInteger('record_id').unsigned().notNullable()
      table.integer('owner_id').unsigned().nullable()
      table.string('title', 255).notNullable()
      table.string('subtitle', 255).nullable()
      table.text('body').notNullable()
      // SQLite: organization, resource and owner as FTS5 tokens ("o1 rcrmcompanies u7").
      table.string('tags', 255).notNullable().defaultTo('')
      table.unique(['organization_id', 'resource', 'record_id'], { indexName: 'search_doc_record' })
      table.index(['organization_id', 'resource', 'owner_id'], 'search_doc_owner')
    })
    this.defer(async (db) => {
      const dialect = db.dialect.name
      if (['better-sqlite3', 'sqlite3', 'libsql'].includes(dialect)) {
        await db.rawQuery(
          `CREATE VIRTUAL TABLE search_fts USING fts5(body, tags, content='search_documents', ` +
            `content_rowid='id', tokenize='unicode61 remove_diacritics 2')`
        )
        await db.rawQuery(
          `CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
             INSERT INTO search_fts(rowid, body, tags) VALUES (new.id, new.body, new.tags); END`
        )
        await db.rawQuery(
          `CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
             INSERT INTO search_fts(search_fts, rowid, body, tags)
               VALUES ('delete', old.id, old.body, old.tags); END`
        )
        await db.rawQuery(
          `CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
             INSERT INTO search_fts(search_fts, rowid, body, tags)
               VALUES ('delete', old.id, old.body, old.tags);
             INSERT INTO search_fts(rowid, body, tags) VALUES (new.id, new.body, new.tags); END`
        )
      } else if (dialect === 'mysql') {
        // Stopwords are read when the index is built: off, so "www", "com" or "the" are indexed.
        await db.rawQuery('SET SESSION innodb_ft_enable_stopword = 0')
        await db.rawQuery('CREATE FULLTEXT INDEX search_doc_body ON search_documents (body)')
      }
    })
  }

  async down() {
    this.defer(async (db) => {
      if (['better-sqlite3', 'sqlite3', 'libsql'].includes(db.dialect.name)) {
        await db.rawQuery('DROP TRIGGER IF EXISTS search_documents_au')
        await db.rawQuery('DROP TRIGGER IF EXISTS search_documents_ad')
        await db.rawQuery('DROP TRIGGER IF EXISTS search_documents_ai')
        await db.rawQuery('DROP TABLE IF EXISTS search_fts')
      }
    })
    this.schema.dropTable('search_documents')
  }
}
