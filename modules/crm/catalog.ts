/** Fixed lists of the CRM: stored as keys (types, industries) or canonical names (provinces). */

export const COMPANY_TYPES = [
  'cliente',
  'prospecto',
  'competidor',
  'proveedor',
  'distribuidor',
] as const
export type CompanyType = (typeof COMPANY_TYPES)[number]

export const INDUSTRIES = [
  'alimentacion',
  'construccion',
  'tecnologia',
  'hosteleria',
  'industria',
  'comercio',
  'transporte',
  'salud',
  'educacion',
  'servicios_profesionales',
  'inmobiliaria',
  'agricultura',
  'energia',
  'otros',
] as const
export type Industry = (typeof INDUSTRIES)[number]

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

/** What the list and form pages need to draw selects; labels are translated by the page. */
export function catalogProps() {
  return {
    types: [...COMPANY_TYPES],
    industries: [...INDUSTRIES],
    addressKinds: [...ADDRESS_KINDS],
    provinces: PROVINCE_NAMES,
  }
}
