import type { ComposeSource } from '#modules/crm/contracts/index'

/*
 * Merge fields of mail written from a record: `{{contacto.nombre}}` and its English alias
 * `{{contact.first_name}}`… filled from the record (CRM) and the user who writes. A field
 * this list does not know is reported, never silently blanked; a known field without a value
 * (a contact with no company) becomes empty and is reported as such.
 */

/** Each field's Spanish name, its English alias, and where its value comes from. */
export const MERGE_FIELDS = [
  { name: 'contacto.nombre', alias: 'contact.first_name' },
  { name: 'contacto.apellidos', alias: 'contact.last_name' },
  { name: 'contacto.email', alias: 'contact.email' },
  { name: 'empresa.nombre', alias: 'company.name' },
  { name: 'oportunidad.nombre', alias: 'opportunity.name' },
  { name: 'usuario.nombre', alias: 'user.name' },
  { name: 'usuario.email', alias: 'user.email' },
] as const

export type MergeValues = Record<string, string>

/** Values of every field (both names), '' when the record has none. */
export function mergeValues(
  source: ComposeSource,
  user: { fullName: string | null; email: string }
): MergeValues {
  const byName: Record<string, string> = {
    'contacto.nombre': source.contact?.firstName ?? '',
    'contacto.apellidos': source.contact?.lastName ?? '',
    'contacto.email': source.contact?.email ?? '',
    'empresa.nombre': source.company?.name ?? '',
    'oportunidad.nombre': source.opportunity?.name ?? '',
    'usuario.nombre': user.fullName ?? '',
    'usuario.email': user.email,
  }
  const values: MergeValues = {}
  for (const field of MERGE_FIELDS) {
    values[field.name] = byName[field.name]
    values[field.alias] = byName[field.name]
  }
  return values
}

export interface Rendered {
  text: string
  /** Fields not in MERGE_FIELDS, as written (`cliente.nombre`), left in the text. */
  unknown: string[]
  /** Known fields the record has no value for. */
  empty: string[]
}

const FIELD = /\{\{\s*([a-zA-Z_][\w.]*)\s*\}\}/g

/** The text with its merge fields filled in; unknown ones are kept as written and reported. */
export function renderMerge(text: string, values: MergeValues): Rendered {
  const unknown = new Set<string>()
  const empty = new Set<string>()
  const out = text.replace(FIELD, (whole, name: string) => {
    const key = name.toLowerCase()
    if (!(key in values)) {
      unknown.add(name)
      return whole
    }
    if (!values[key]) empty.add(name)
    return values[key]
  })
  return { text: out, unknown: [...unknown], empty: [...empty] }
}
