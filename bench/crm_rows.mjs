// Shapes and writers shared by bench/crm_data.mjs and bench/crm_file.mjs (npm run bench:crm):
// the seeded generator, fixed dates, valid CIFs, the lead facts' codes, the multi-row inserter.
import { performance } from 'node:perf_hooks'
import { say } from '../scripts/lib.mjs'

export const REPS = 100
export const TEAM_SIZE = 10
export const BASE = Date.UTC(2026, 11, 1)
export const DAY = 86_400_000
const PROVINCES = ['Madrid', 'Barcelona', 'Valencia', 'Sevilla', 'Bizkaia', 'Zaragoza', 'Málaga']
const SOURCES = ['web', 'telefono', 'email', 'feria', 'referido', 'campana', 'otros']
const SECTORS = ['alimentacion', 'construccion', 'tecnologia', 'hosteleria', 'industria']
const SIZES = ['micro', 'pequena', 'mediana', 'grande']
const INTERESTS = ['crm', 'erp', 'tpv', 'web', 'soporte']
const LANGUAGES = ['es', 'es', 'es', 'ca', 'en', 'eu', 'gl']
export const FACTS = { PROVINCES, SOURCES, SECTORS, SIZES, INTERESTS, LANGUAGES }

/** The demo's generator (app/kernel/demo.ts), so a run is the same every time. */
export function seeded(seed = 20261202) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** 'YYYY-MM-DD HH:MM:SS' of a moment `ms` after the bench's fixed "now" (negative: before). */
export const stamp = (ms) => new Date(BASE + ms).toISOString().slice(0, 19).replace('T', ' ')

/** A valid CIF (modules/crm/support/nif.ts check digit). */
export function cif(letter, n) {
  const digits = String(n).padStart(7, '0')
  let sum = 0
  for (let i = 0; i < 7; i++) {
    const d = Number(digits[i])
    sum += i % 2 === 0 ? Math.floor((d * 2) / 10) + ((d * 2) % 10) : d
  }
  return `${letter}${digits}${(10 - (sum % 10)) % 10}`
}

/**
 * Multi-row INSERT into `table` with the columns of `sample` (plus a neutral value for any
 * NOT NULL column without default that this script does not know): `add(row)` buffers, a full
 * chunk goes out through one prepared statement; `flush()` writes the rest.
 */
export function inserter(sqlite, table, sample) {
  const extra = {}
  for (const c of sqlite.prepare(`PRAGMA table_info(${table})`).all()) {
    if (c.pk || c.name in sample || !c.notnull || c.dflt_value !== null) continue
    extra[c.name] = /INT|REAL|NUM|BOOL/i.test(c.type) ? 0 : ''
  }
  const keys = [...Object.keys(sample), ...Object.keys(extra)]
  // SQLite allows 32,766 bound values per statement.
  const per = Math.max(1, Math.min(200, Math.floor(30_000 / keys.length)))
  const statements = new Map()
  const statement = (n) => {
    if (!statements.has(n)) {
      const one = `(${keys.map(() => '?').join(',')})`
      statements.set(
        n,
        sqlite.prepare(
          `INSERT INTO ${table} (${keys.join(',')}) VALUES ${Array(n).fill(one).join(',')}`
        )
      )
    }
    return statements.get(n)
  }
  let buffer = []
  let rows = 0
  const write = () => {
    if (rows) statement(rows).run(buffer)
    buffer = []
    rows = 0
  }
  return {
    add(row) {
      for (const k of keys) buffer.push(k in row ? row[k] : extra[k])
      if (++rows === per) write()
    },
    flush: write,
  }
}

/** `count` rows of `table` from `make(i)`, 10,000 per transaction. */
export function fill(sqlite, table, count, make) {
  if (count <= 0) return
  const started = performance.now()
  const insert = inserter(sqlite, table, make(0))
  const batch = sqlite.transaction((from, to) => {
    for (let i = from; i < to; i++) insert.add(make(i))
    insert.flush()
  })
  for (let i = 0; i < count; i += 10_000) batch(i, Math.min(count, i + 10_000))
  const seconds = (performance.now() - started) / 1000
  say(`  ${table}: ${count.toLocaleString('en')} rows in ${seconds.toFixed(1)} s`)
}

export const nextId = (sqlite, table) =>
  Number(sqlite.prepare(`SELECT MAX(id) AS m FROM ${table}`).get().m ?? 0) + 1

/** The existing lead number `i`: its keys are what the import's duplicates point at. */
export function existingLead(i) {
  const company = `Cliente Potencial ${String(i).padStart(7, '0')}`
  return {
    title: `Interés en ERP ${i}`,
    first_name: 'Contacto',
    last_name: `Potencial ${i}`,
    name_normalized: `contacto potencial ${i}`,
    company_name: `${company} S.L.`,
    company_name_normalized: company.toLowerCase(),
    nif: cif('B', 2_000_000 + i),
    email: `contacto${i}@potencial.es`,
    email_normalized: `contacto${i}@potencial.es`,
    phone: `+346${String(10_000_000 + i).slice(-8)}`,
    phone_normalized: `+346${String(10_000_000 + i).slice(-8)}`,
  }
}
