// node bench/search.mjs: search p95 of the command palette's index on generated data (SQLite).
//
// Builds a throw-away SQLite database under tmp/ with the search index of migration 0030
// (search_documents + the FTS5 table and its triggers), fills it with generated companies and
// contacts of one organization (Spanish names, NIFs, phones, e-mails, owners), then times 200
// realistic queries through the same statement DatabaseSearchIndex sends (app/search/
// database_index.ts; the terms come from app/search/text.ts itself), half of them with the
// scope `own` of one rep (owner IN (…), inside the query). Prints p50/p95/p99/max per kind.
// Options (environment): BENCH_COMPANIES (20000), BENCH_CONTACTS (100000), BENCH_QUERIES (200),
// BENCH_LIMIT hits per resource (5). The goal: p95 ≤ 150 ms at 200,000 + 1,000,000.
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { ROOT, say } from '../scripts/lib.mjs'
import { looserTerms, searchTags, searchTerms, searchText, ftsMatch } from '../app/search/text.ts'

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

db.exec(`
  CREATE TABLE search_documents (id INTEGER PRIMARY KEY AUTOINCREMENT, organization_id INTEGER NOT NULL,
    resource VARCHAR(80) NOT NULL, record_id BIGINT NOT NULL, owner_id INTEGER, title VARCHAR(255) NOT NULL,
    subtitle VARCHAR(255), body TEXT NOT NULL, tags VARCHAR(255) NOT NULL);
  CREATE UNIQUE INDEX search_doc_record ON search_documents (organization_id, resource, record_id);
  CREATE INDEX search_doc_owner ON search_documents (organization_id, resource, owner_id);
  CREATE VIRTUAL TABLE search_fts USING fts5(body, tags, content='search_documents', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2');
  CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_fts(rowid, body, tags) VALUES (new.id, new.body, new.tags); END;
`)

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
  `INSERT INTO search_documents (organization_id, resource, record_id, owner_id, title, subtitle, body, tags)
   VALUES (1, ?, ?, ?, ?, ?, ?, ?)`
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
      tags('crm.companies', 1 + (id % OWNERS))
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
      tags('crm.contacts', 1 + (id % OWNERS))
    )
  }
})()
say(
  `generated ${COMPANIES} companies + ${CONTACTS} contacts in ${((performance.now() - started) / 1000).toFixed(1)} s`
)

// The statements compared: the join filter (v1), the scope as FTS tokens, each with and without
// the bm25 order, and `tags-cap` (the default, what DatabaseSearchIndex#sqlite sends): scope as
// tokens, bm25 over the first 200 matches.
const VARIANT = process.env.BENCH_VARIANT ?? 'tags-cap'
function statement(terms, owners, variant) {
  const order = variant.endsWith('-norank') ? '' : ' ORDER BY search_fts.rank'
  if (variant.startsWith('join')) {
    const all = terms.words.map((w) => `"${w}"*`).join(' AND ')
    const match = terms.compact ? `(${all}) OR "${terms.compact}"*` : all
    const scope = owners === 'all' ? '' : ` AND d.owner_id IN (${owners.map(() => '?').join(', ')})`
    const sql =
      'SELECT d.record_id, d.title, d.subtitle FROM search_fts INNER JOIN search_documents AS d ' +
      'ON d.id = search_fts.rowid WHERE search_fts MATCH ? AND d.organization_id = ? AND ' +
      `d.resource = ?${scope}${order} LIMIT ?`
    return { sql, args: (resource) => [match, 1, resource, ...(owners === 'all' ? [] : owners)] }
  }
  const sql = variant.startsWith('tags-cap')
    ? 'SELECT d.record_id, d.title, d.subtitle FROM (SELECT rowid AS rid, rank AS score FROM search_fts ' +
      'WHERE search_fts MATCH ? LIMIT 200) AS f INNER JOIN search_documents AS d ON d.id = f.rid ' +
      'ORDER BY f.score LIMIT ?'
    : 'SELECT d.record_id, d.title, d.subtitle FROM search_fts INNER JOIN search_documents AS d ' +
      `ON d.id = search_fts.rowid WHERE search_fts MATCH ?${order} LIMIT ?`
  return { sql, args: (resource) => [ftsMatch(terms, 1, resource, owners)] }
}
const prepared = new Map()
function search(resource, q, owners, variant) {
  const run = (terms) => {
    const { sql, args } = statement(terms, owners, variant)
    if (!prepared.has(sql)) prepared.set(sql, db.prepare(sql))
    return prepared.get(sql).all(...args(resource), LIMIT)
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
for (const variant of VARIANT.split(',')) {
  for (const [scope, owners] of [
    ['all', 'all'],
    ['own', own],
  ]) {
    const t = []
    let found = 0
    for (const { q } of queries) {
      const t0 = performance.now()
      const hits = [
        ...search('crm.companies', q, owners, variant),
        ...search('crm.contacts', q, owners, variant),
      ]
      t.push(performance.now() - t0)
      if (hits.length) found++
    }
    say(
      `${variant} · search (companies + contacts, ${QUERIES} queries, scope ${scope}): ` +
        `p50 ${pct(t, 50).toFixed(1)} ms · p95 ${pct(t, 95).toFixed(1)} ms · ` +
        `p99 ${pct(t, 99).toFixed(1)} ms · max ${Math.max(...t).toFixed(1)} ms · ${found} found`
    )
  }
}
db.close()
