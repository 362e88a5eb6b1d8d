import vine from '@vinejs/vine'
import { isValidNif } from '../support/nif.js'
import { normalizeNif } from '../support/normalize.js'

/**
 * VineJS rule: a Spanish NIF, CIF or NIE with a correct check character. The value is stored
 * normalized (uppercase, no separators), so the rule also rewrites it. Its message is
 * `crm.validator.messages.nif` (es/en).
 */
export const nifRule = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const normalized = normalizeNif(value)
  if (!isValidNif(normalized)) {
    field.report('El NIF/CIF/NIE {{ field }} no es válido', 'nif', field)
    return
  }
  field.mutate(normalized, field)
})
