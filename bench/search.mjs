// node bench/search.mjs: search p95 of the command palette's index on generated data (SQLite).
//
// Builds a throw-away SQLite database under tmp/ with the search index of migrations 0030 and
// 0040 (search_documents + the FTS5 table), fills it with generated companies and contacts of
// one organization (Spanish names, NIFs, phones, e-mails, owners), then times 200 realistic
// queries through the statement, MATCH expression, terms and ranking DatabaseSearchIndex uses
// (app/search/fts.ts and text.ts themselves), with scope `all` and with the scope `own` of one
// rep (owner tokens inside the MATCH). Prints p50/p95/p99/max, then per query kind, then the ten
// slowest queries. Options (environment): BENCH_COMPANIES (20000), BENCH_CONTACTS (100000),
// BENCH_QUERIES (200), BENCH_LIMIT hits per resource (5), BENCH_VARIANT: `fts` (the app's, the
// default) and/or `v0` (migration 0030's table with bm25 over the first 200 matches, as before
// 0040), comma-separated to compare under the same load. Goal: p95 ≤ 150 ms at 200,000 + 1,000,000.
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { ROOT, say } from '../scripts/lib.mjs'
import { looserTerms, rankHits, searchTerms, searchText } from '../app/search/text.ts'
import { ftsMatch, ftsStatement, searchTags } from '../app/search/fts.ts'

const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 20_000)
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000)
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200)
const LIMIT = Number(process.env.BENCH_LIMIT ?? 5)
const OWNERS = 40

const dir = join(ROOT, 'tmp', `bench-search-${process.pid}`)
mkdirSync(dir, { recursive: true })
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
const db = new Database(join(dir, 'search.sqlite'))
db.pragma('journal_mode = WAL')

const VARIANTS = (process.env.BENCH_VARIANT ?? 'fts').split(',')
db.exec(`
  CREATE TABLE search_documents (id INTEGER PRIMARY KEY AUTOINCREMENT, organization_id INTEGER NOT NULL,
    resource VARCHAR(80) NOT NULL, record_id BIGINT NOT NULL, owner_id INTEGER, title VARCHAR(255) NOT NULL,
    subtitle VARCHAR(255), body TEXT NOT NULL, tags VARCHAR(255) NOT NULL, tags_v0 VARCHAR(255));
  CREATE UNIQUE INDEX search_doc_record ON search_documents (organization_id, resource, record_id);
  CREATE INDEX search_doc_owner ON search_documents (organization_id, resource, owner_id);
`)
// The FTS tables are filled after the documents with FTS5's 'rebuild', as migration 0040 does.
const FTS = {
  // Migration 0040 (what the app runs).
  fts: `CREATE VIRTUAL TABLE search_fts USING fts5(body, tags, content='search_documents',
    content_rowid='id', tokenize="unicode61 remove_diacritics 2 tokenchars '_'", detail=none,
    prefix='1 2 3 4 5 6'); INSERT INTO search_fts(search_fts) VALUES ('rebuild');`,
  // Migration 0030, tags "o1 rcrmcompanies u7" (column tags_v0 here).
  v0: `CREATE VIRTUAL TABLE search_fts_v0 USING fts5(body, tags_v0, content='search_documents',
    content_rowid='id', tokenize='unicode61 remove_diacritics 2');
    INSERT INTO search_fts_v0(search_fts_v0) VALUES ('rebuild');`,
}
const tagsV0 = (resource, owner) => `o1 r${resource.replace(/[^a-z0-9]/gi, '')} u${owner}`

// Deterministic pseudo-random data.
let seed = 42
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
const pick = (list) => list[Math.floor(rnd() * list.length)]
const FIRST = [
  'Ana',
  'Luis',
  'María',
  'José',
  'Lucía',
  'Javier',
  'Carmen',
  'Álvaro',
  'Rocío',
  'Íñigo',
  'Pilar',
  'Sergio',
  'Nuria',
  'Raúl',
  'Elena',
  'Jorge',
  'Marta',
  'Andrés',
  'Begoña',
  'Óscar',
]
const LAST = [
  'García',
  'Martínez',
  'López',
  'Sánchez',
  'Pérez',
  'Gómez',
  'Martín',
  'Jiménez',
  'Ruiz',
  'Hernández',
  'Díaz',
  'Moreno',
  'Muñoz',
  'Álvarez',
  'Romero',
  'Navarro',
  'Torres',
  'Domínguez',
  'Vázquez',
  'Ramos',
  'Gil',
  'Ramírez',
  'Serrano',
  'Blanco',
  'Molina',
  'Morales',
  'Suárez',
  'Ortega',
]
const TRADE = [
  'Ferretería',
  'Talleres',
  'Construcciones',
  'Suministros',
  'Distribuciones',
  'Conservas',
  'Transportes',
  'Bodegas',
  'Panadería',
  'Carpintería',
  'Electricidad',
  'Fontanería',
  'Gráficas',
  'Consultoría',
  'Farmacia',
  'Óptica',
  'Librería',
  'Hostelería',
  'Inmobiliaria',
  'Clínica',
]
const PLACE = [
  'Andalucía',
  'Norte',
  'Levante',
  'Cantábrico',
  'Sur',
  'Castilla',
  'Galicia',
  'Aragón',
  'Mediterráneo',
  'Atlántico',
  'Madrid',
  'Sevilla',
  'Bilbao',
  'Valencia',
  'Málaga',
  'Córdoba',
]
const SUFFIX = ['S.L.', 'S.A.', 'Hermanos', 'e Hijos', 'Global', 'Ibérica', '2000', 'Express']

const insert = db.prepare(
  `INSERT INTO search_documents (organization_id, resource, record_id, owner_id, title, subtitle, body, tags,
   tags_v0) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`
)
const tags = (resource, owner) => searchTags(1, resource, owner)
const companies = []
const started = performance.now()
db.transaction(() => {
  for (let id = 1; id <= COMPANIES; id++) {
    const name = `${pick(TRADE)} ${pick(PLACE)} ${pick(LAST)} ${pick(SUFFIX)}`
    const nif = `B${String(10_000_000 + id).padStart(8, '0')}`
    const phone = `9${String(10_000_000 + Math.floor(rnd() * 89_999_999)).slice(0, 8)}`
    const domain = `${name.split(' ')[0].normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}${id}.es`
    companies.push({ name, nif, phone, domain })
    const text = [nif, nif.slice(1), `34${phone}`, phone, `info@${domain}`, domain].join(' ')
    insert.run(
      'crm.companies',
      id,
      1 + (id % OWNERS),
      name,
      nif,
      searchText(name, text),
      tags('crm.companies', 1 + (id % OWNERS)),
      tagsV0('crm.companies', 1 + (id % OWNERS))
    )
  }
  for (let id = 1; id <= CONTACTS; id++) {
    const company = companies[Math.floor(rnd() * companies.length)]
    const first = pick(FIRST)
    const last = `${pick(LAST)} ${pick(LAST)}`
    const mobile = `6${String(Math.floor(rnd() * 99_999_999)).padStart(8, '0')}`
    const email = `${first}.${last.split(' ')[0]}@${company.domain}`.toLowerCase()
    const text = [company.name, `34${mobile}`, mobile, email].join(' ')
    insert.run(
      'crm.contacts',
      id,
      1 + (id % OWNERS),
      `${first} ${last}`,
      company.name,
      searchText(`${first} ${last}`, text),
      tags('crm.contacts', 1 + (id % OWNERS)),
      tagsV0('crm.contacts', 1 + (id % OWNERS))
    )
  }
})()
say(
  `generated ${COMPANIES} companies + ${CONTACTS} contacts in ${((performance.now() - started) / 1000).toFixed(1)} s`
)
for (const variant of VARIANTS) {
  const t0 = performance.now()
  db.exec(FTS[variant])
  say(`${variant}: FTS index built in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
}

// `fts`: DatabaseSearchIndex#sqlite's statement and ranking (app/search/fts.ts, rankHits).
// `v0`: before migration 0040: scope tokens in a column filter, bm25 over the first 200 matches.
function statement(terms, resource, owners, variant) {
  if (variant === 'fts') {
    const ids = owners === 'all' ? [] : owners
    return {
      sql: ftsStatement(owners),
      args: [ftsMatch(terms, 1, resource, owners), 1, resource, ...ids],
    }
  }
  const all = terms.words.map((w) => `"${w}"*`).join(' AND ')
  const body = terms.compact ? `(${all}) OR "${terms.compact}"*` : all
  const who = owners === 'all' ? '' : ` AND (${owners.map((o) => `u${o}`).join(' OR ')})`
  const match = `tags_v0 : (o1 AND r${resource.replace(/[^a-z0-9]/gi, '')}${who}) AND body : (${body})`
  const sql =
    'SELECT d.record_id, d.title, d.subtitle FROM (SELECT rowid AS rid, rank AS score FROM search_fts_v0 ' +
    'WHERE search_fts_v0 MATCH ? LIMIT 200) AS f INNER JOIN search_documents AS d ON d.id = f.rid ' +
    `ORDER BY f.score LIMIT ${LIMIT}`
  return { sql, args: [match] }
}
const prepared = new Map()
function search(resource, q, owners, variant) {
  const run = (terms) => {
    const { sql, args } = statement(terms, resource, owners, variant)
    if (!prepared.has(sql)) prepared.set(sql, db.prepare(sql))
    const rows = prepared.get(sql).all(...args)
    return variant === 'fts' ? rankHits(terms, rows).slice(0, LIMIT) : rows
  }
  const terms = searchTerms(q)
  if (!terms.words.length) return []
  const hits = run(terms)
  const looser = hits.length ? null : looserTerms(terms)
  return looser ? run(looser) : hits
}

// 200 realistic queries: names and name prefixes, two words, NIF in several forms, phones,
// e-mails, web domains, a typo; the palette asks every resource for each.
const queries = []
for (let i = 0; i < QUERIES; i++) {
  const c = companies[Math.floor(rnd() * companies.length)]
  const words = c.name.split(' ')
  const kind = i % 10
  const q = [
    () => words[1],
    () => words[1].slice(0, 4),
    () => `${words[0].slice(0, 5)} ${words[2]}`,
    () => pick(LAST),
    () => `${pick(FIRST)} ${pick(LAST).slice(0, 3)}`,
    () => (i % 20 < 10 ? c.nif : `${c.nif[0]}-${c.nif.slice(1)}`),
    () => `${c.phone.slice(0, 3)} ${c.phone.slice(3, 6)} ${c.phone.slice(6)}`,
    () => `info@${c.domain}`,
    () => c.domain,
    () => words[0].slice(0, -2) + 'ai', // a typo in the tail
  ][kind]()
  queries.push({
    q,
    kind: [
      'word',
      'prefix',
      'two words',
      'surname',
      'person',
      'nif',
      'phone',
      'email',
      'web',
      'typo',
    ][kind],
  })
}
const own = [7] // a rep with scope own; a team would add a few ids
const pct = (list, p) => {
  const sorted = [...list].sort((x, y) => x - y)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}
const ms = (x) => x.toFixed(1)
const KINDS = [...new Set(queries.map((x) => x.kind))]
for (const variant of VARIANTS) {
  for (const [scope, owners] of [
    ['all', 'all'],
    ['own', own],
  ]) {
    const t = []
    const runs = []
    let found = 0
    for (const { q, kind } of queries) {
      const t0 = performance.now()
      const hits = [
        ...search('crm.companies', q, owners, variant),
        ...search('crm.contacts', q, owners, variant),
      ]
      const took = performance.now() - t0
      t.push(took)
      runs.push({ q, kind, took, hits: hits.length })
      if (hits.length) found++
    }
    say(
      `${variant} · search (companies + contacts, ${QUERIES} queries, scope ${scope}): ` +
        `p50 ${ms(pct(t, 50))} ms · p95 ${ms(pct(t, 95))} ms · ` +
        `p99 ${ms(pct(t, 99))} ms · max ${ms(Math.max(...t))} ms · ${found} found`
    )
    // Which queries are slow: per kind, then the ten slowest with their text.
    for (const kind of KINDS) {
      const k = runs.filter((r) => r.kind === kind).map((r) => r.took)
      say(
        `  ${kind.padEnd(10)} p50 ${ms(pct(k, 50)).padStart(6)} · p95 ${ms(pct(k, 95)).padStart(6)} · ` +
          `max ${ms(Math.max(...k)).padStart(6)} ms`
      )
    }
    const slow = [...runs].sort((x, y) => y.took - x.took).slice(0, 10)
    say(
      `  slowest: ${slow.map((r) => `${JSON.stringify(r.q)} (${r.kind}) ${ms(r.took)}`).join(' · ')}`
    )
  }
}
db.close()
