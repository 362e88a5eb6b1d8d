import { RECORD_TYPES } from '../catalog.js'
import type { RecordRef } from '#modules/crm/contracts/index'

/** `crm.contact:12` → { type: 'crm.contact', id: 12 }, or null for anything else. */
export function parseRecordRef(value: string): RecordRef | null {
  const match = /^([a-z]+\.[a-z]+):(\d{1,10})$/.exec(value.trim())
  if (!match || !(RECORD_TYPES as readonly string[]).includes(match[1])) return null
  const id = Number(match[2])
  return id > 0 ? { type: match[1], id } : null
}
