import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ImportField, ImportValues } from '#app/import/types'
import { insertRows } from '#app/import/sql'
import { dbTimestamp } from '#app/support/dates'
import { CONSENT_SOURCES_LIST, CONTACT_LANGUAGES, GENDERS_LIST } from '../account_lists.js'
import { normalizeText } from '../support/normalize.js'
import { dayOf, today } from '../support/days.js'
import { codeLookup, reason, type Check } from './shared.js'

/*
 * The profile and GDPR columns of a contact import, as the list exports them: gender and
 * sources by label or code, language by ISO code, days as YYYY-MM-DD (or dd/mm/yyyy), consent
 * by its Spanish or English word, opt-out as Sí/No. Kept apart from imports/contacts.ts, which
 * wires them in.
 */

const F = 'crm.contacts.fields'

export const PROFILE_FIELDS: ImportField[] = [
  {
    key: 'gender',
    label: `${F}.gender`,
    aliases: ['genero', 'sexo', 'gender'],
    codes: GENDERS_LIST,
  },
  { key: 'language', label: `${F}.language`, aliases: ['idioma', 'lengua', 'language'] },
  { key: 'birthday', label: `${F}.birthday`, aliases: ['fecha nacimiento', 'birth date'] },
  { key: 'consentStatus', label: `${F}.consentStatus`, aliases: ['consentimiento', 'consent'] },
  { key: 'consentAt', label: `${F}.consentAt`, aliases: ['fecha consentimiento'] },
  {
    key: 'consentSource',
    label: `${F}.consentSource`,
    aliases: ['origen consentimiento'],
    codes: CONSENT_SOURCES_LIST,
  },
  { key: 'optedOut', label: `${F}.optedOut`, aliases: ['baja', 'opt out', 'unsubscribed'] },
  { key: 'optedOutAt', label: `${F}.optedOutAt`, aliases: ['fecha baja'] },
  {
    key: 'optOutSource',
    label: `${F}.optOutSource`,
    aliases: ['origen baja'],
    codes: CONSENT_SOURCES_LIST,
  },
]

const CONSENT_WORDS: Record<string, string> = {
  otorgado: 'granted',
  granted: 'granted',
  si: 'granted',
  yes: 'granted',
  denegado: 'denied',
  denied: 'denied',
  no: 'denied',
  desconocido: 'unknown',
  unknown: 'unknown',
}
const YES = new Set(['si', 'yes', 'true', '1', 'x'])
const NO = new Set(['no', 'false', '0'])

export interface ProfileState {
  genders: Map<string, string>
  sources: Map<string, string>
}

export async function profileState(organizationId: number): Promise<ProfileState> {
  const [genders, sources] = await Promise.all([
    codeLookup(organizationId, GENDERS_LIST),
    codeLookup(organizationId, CONSENT_SOURCES_LIST),
  ])
  return { genders, sources }
}

/** `YYYY-MM-DD` from `YYYY-MM-DD` or `dd/mm/yyyy`, or null when it is no real day. */
function day(raw: string): string | null {
  const m = raw.trim().match(/^(\d{4})-(\d{2})-(\d{2})$|^(\d{1,2})\/(\d{1,2})\/(\d{4})$/)
  if (!m) return null
  const text = m[1]
    ? `${m[1]}-${m[2]}-${m[3]}`
    : `${m[6]}-${m[5].padStart(2, '0')}-${m[4].padStart(2, '0')}`
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text ? text : null
}

/** Normalises the line's profile values in place; a reason when one cannot be read. */
export function checkProfile(values: ImportValues, state: ProfileState): Check | null {
  for (const [field, map] of [
    ['gender', state.genders],
    ['consentSource', state.sources],
    ['optOutSource', state.sources],
  ] as const) {
    const raw = values[field]
    if (!raw) continue
    const code = map.get(normalizeText(raw))
    if (!code) return reason('code', { field, value: raw })
    values[field] = code
  }
  if (values.language) {
    const code = values.language.trim().toLowerCase()
    if (!(CONTACT_LANGUAGES as readonly string[]).includes(code))
      return reason('code', { field: 'language', value: values.language })
    values.language = code
  }
  for (const field of ['birthday', 'consentAt', 'optedOutAt']) {
    const raw = values[field]
    if (!raw) continue
    const parsed = day(raw)
    if (!parsed || parsed > today()) return reason('code', { field, value: raw })
    values[field] = parsed
  }
  if (values.consentStatus) {
    const status = CONSENT_WORDS[normalizeText(values.consentStatus)]
    if (!status) return reason('code', { field: 'consentStatus', value: values.consentStatus })
    values.consentStatus = status
  }
  if (values.optedOut) {
    const word = normalizeText(values.optedOut)
    if (!YES.has(word) && !NO.has(word))
      return reason('code', { field: 'optedOut', value: values.optedOut })
    values.optedOut = YES.has(word) ? 'yes' : 'no'
  }
  return null
}

const at = (value: string | null | undefined) => (value ? `${value} 00:00:00` : null)

/** The row's profile columns from a validated line (fields it has). */
export function profileColumns(v: ImportValues) {
  const cols: Record<string, unknown> = {}
  for (const [field, column] of [
    ['gender', 'gender'],
    ['language', 'language'],
    ['birthday', 'birthday'],
    ['consentSource', 'consent_source'],
    ['optOutSource', 'opt_out_source'],
  ] as const)
    if (field in v) cols[column] = v[field] || null
  if ('consentStatus' in v) cols.consent_status = v.consentStatus || 'unknown'
  if ('consentAt' in v) cols.consent_at = at(v.consentAt)
  if ('optedOut' in v) cols.opted_out = v.optedOut === 'yes'
  if ('optedOutAt' in v) cols.opted_out_at = at(v.optedOutAt)
  // A consent or opt-out without its day is dated by the import (GDPR: a status has a date).
  if (cols.consent_status && cols.consent_status !== 'unknown' && !('consentAt' in v))
    cols.consent_at = dbTimestamp()
  if (cols.opted_out === true && !('optedOutAt' in v)) cols.opted_out_at = dbTimestamp()
  return cols
}

/** A stored contact's profile values as the import compares them. */
export function profileSnapshot(r: Record<string, any>): ImportValues {
  return {
    gender: r.gender ?? null,
    language: r.language ?? null,
    birthday: dayOf(r.birthday),
    consentStatus: r.consent_status ?? 'unknown',
    consentAt: r.consent_at ? dayOf(toUtc(r.consent_at)) : null,
    consentSource: r.consent_source ?? null,
    optedOut: r.opted_out ? 'yes' : 'no',
    optedOutAt: r.opted_out_at ? dayOf(toUtc(r.opted_out_at)) : null,
    optOutSource: r.opt_out_source ?? null,
  }
}

const toUtc = (value: unknown) => (value instanceof Date ? value : String(value))

/** Current positions of imported contacts at their company (created with one). */
export async function openPositions(
  trx: TransactionClientContract,
  organizationId: number,
  rows: { contactId: number; companyId: number | null; values: ImportValues }[]
) {
  await insertRows(
    trx,
    'crm_contact_positions',
    rows
      .filter((r) => r.companyId !== null)
      .map((r) => ({
        organization_id: organizationId,
        contact_id: r.contactId,
        company_id: r.companyId,
        position: r.values.position ?? null,
        department: r.values.department ?? null,
        started_on: today(),
        ended_on: null,
        current: true,
        created_at: dbTimestamp(),
      }))
  )
}
