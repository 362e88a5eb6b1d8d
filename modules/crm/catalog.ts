/** Lists of the CRM: stored as codes (types, industries, address kinds) or canonical names (provinces). */
import { lists } from '#app/settings/lists'
import { COMPANY_TYPES_LIST, INDUSTRIES_LIST } from './lists.js'

export { COMPANY_TYPES_LIST, INDUSTRIES_LIST } from './lists.js'

/** A record type of the CRM as its history, notes and home cards name it. */
export interface CrmSubject {
  /** The timeline/audit subject type. */
  subjectType: 'crm.company' | 'crm.contact' | 'crm.opportunity' | 'crm.lead'
  /** The scoped resource (permissions and record scopes). */
  resource: 'crm.companies' | 'crm.contacts' | 'crm.opportunities' | 'crm.leads'
  table: 'crm_companies' | 'crm_contacts' | 'crm_opportunities' | 'crm_leads'
  /** The named route of its page (`{ id }`). */
  route: string
  /** The columns its name is made of, joined by a space. */
  names: string[]
}

/** The CRM's record types, by subject type (module-private: not in contracts/). */
export const CRM_SUBJECTS = {
  'crm.company': {
    subjectType: 'crm.company',
    resource: 'crm.companies',
    table: 'crm_companies',
    route: 'crm.companies.show',
    names: ['name'],
  },
  'crm.contact': {
    subjectType: 'crm.contact',
    resource: 'crm.contacts',
    table: 'crm_contacts',
    route: 'crm.contacts.show',
    names: ['first_name', 'last_name'],
  },
  'crm.opportunity': {
    subjectType: 'crm.opportunity',
    resource: 'crm.opportunities',
    table: 'crm_opportunities',
    route: 'crm.opportunities.show',
    names: ['name'],
  },
  'crm.lead': {
    subjectType: 'crm.lead',
    resource: 'crm.leads',
    table: 'crm_leads',
    route: 'crm.leads.show',
    names: ['title'],
  },
} as const satisfies Record<string, CrmSubject>

/** The CRM record type of a subject type, if it is one. */
export function crmSubject(subjectType: string): CrmSubject | undefined {
  return Object.hasOwn(CRM_SUBJECTS, subjectType)
    ? CRM_SUBJECTS[subjectType as keyof typeof CRM_SUBJECTS]
    : undefined
}

/** Default codes (the demo data uses them). */
export const COMPANY_TYPES = [
  'cliente',
  'prospecto',
  'competidor',
  'proveedor',
  'distribuidor',
] as const
export type CompanyType = (typeof COMPANY_TYPES)[number]

export const ADDRESS_KINDS = ['fiscal', 'envio', 'otra'] as const
export type AddressKind = (typeof ADDRESS_KINDS)[number]

/**
 * The 52 Spanish provinces (and autonomous cities) by INE code. Proper nouns, the same in
 * Spanish and English, stored as written here so reports and exports need no lookup.
 */
export const PROVINCES: Record<string, string> = {
  '01': 'Álava',
  '02': 'Albacete',
  '03': 'Alicante',
  '04': 'Almería',
  '05': 'Ávila',
  '06': 'Badajoz',
  '07': 'Illes Balears',
  '08': 'Barcelona',
  '09': 'Burgos',
  '10': 'Cáceres',
  '11': 'Cádiz',
  '12': 'Castellón',
  '13': 'Ciudad Real',
  '14': 'Córdoba',
  '15': 'A Coruña',
  '16': 'Cuenca',
  '17': 'Girona',
  '18': 'Granada',
  '19': 'Guadalajara',
  '20': 'Gipuzkoa',
  '21': 'Huelva',
  '22': 'Huesca',
  '23': 'Jaén',
  '24': 'León',
  '25': 'Lleida',
  '26': 'La Rioja',
  '27': 'Lugo',
  '28': 'Madrid',
  '29': 'Málaga',
  '30': 'Murcia',
  '31': 'Navarra',
  '32': 'Ourense',
  '33': 'Asturias',
  '34': 'Palencia',
  '35': 'Las Palmas',
  '36': 'Pontevedra',
  '37': 'Salamanca',
  '38': 'Santa Cruz de Tenerife',
  '39': 'Cantabria',
  '40': 'Segovia',
  '41': 'Sevilla',
  '42': 'Soria',
  '43': 'Tarragona',
  '44': 'Teruel',
  '45': 'Toledo',
  '46': 'Valencia',
  '47': 'Valladolid',
  '48': 'Bizkaia',
  '49': 'Zamora',
  '50': 'Zaragoza',
  '51': 'Ceuta',
  '52': 'Melilla',
}

/** Province names in alphabetical order (Spanish collation), for selects and validation. */
export const PROVINCE_NAMES = Object.values(PROVINCES).sort((a, b) => a.localeCompare(b, 'es'))

/** What the list and form pages need to draw selects, in the reader's language. */
export async function catalogProps(
  organizationId: number,
  locale: string,
  options: { keep?: { type?: string | null; industry?: string | null }; inactive?: boolean } = {}
) {
  const [typeValues, industryValues] = await Promise.all([
    lists.values(organizationId, COMPANY_TYPES_LIST),
    lists.values(organizationId, INDUSTRIES_LIST),
  ])
  // Filters also offer deactivated values (records still hold them); forms only the active
  // ones, plus the value the edited record holds.
  const keepTypes = options.inactive ? typeValues.map((v) => v.code) : [options.keep?.type]
  const keepIndustries = options.inactive
    ? industryValues.map((v) => v.code)
    : [options.keep?.industry]
  const [types, industries] = await Promise.all([
    lists.options(organizationId, COMPANY_TYPES_LIST, locale, keepTypes),
    lists.options(organizationId, INDUSTRIES_LIST, locale, keepIndustries),
  ])
  return {
    types,
    industries,
    addressKinds: [...ADDRESS_KINDS],
    provinces: PROVINCE_NAMES,
  }
}

/** Labels of the coded fields of a company, for its page and its history. */
export async function catalogLabels(organizationId: number, locale: string) {
  const [type, industry] = await Promise.all([
    lists.labels(organizationId, COMPANY_TYPES_LIST, locale),
    lists.labels(organizationId, INDUSTRIES_LIST, locale),
  ])
  return { type, industry }
}
