import { type COMPANY_TYPES } from '../../catalog.js'
import { makeCif } from '../../support/nif.js'
import { normalizeText } from '../../support/normalize.js'
import {
  CITIES,
  FEMALE_NAMES,
  MALE_NAMES,
  PLACES,
  POSITIONS,
  STREETS,
  SURNAMES,
  TRADES,
} from './demo_data.js'

/** Plain descriptions of demo companies and contacts; demo.ts turns them into rows. */
export interface DemoCompany {
  name: string
  legalName: string
  type: string
  nif: string | null
  website: string
  industry: string
  ownerKey: string
  city: (typeof CITIES)[number]
  street: string
  shipping: string | null
  phones: [string, string][]
  emails: [string, string][]
  domain: string
  daysAgo: number
}

export interface DemoContact {
  company: number | null
  first: string
  last: string
  position: string
  department: string
  /** Index (in the same list) of the manager, always an earlier contact of the same company. */
  manager: number | null
  ownerKey: string
  phones: [string, string][]
  emails: [string, string][]
  daysAgo: number
}

type Random = () => number

export function generate(random: Random, companies = 300) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('')
  const weighted = (pairs: [string, number][]) => {
    let r = random() * pairs.reduce((s, [, w]) => s + w, 0)
    for (const [value, w] of pairs) if ((r -= w) < 0) return value
    return pairs[0][0]
  }
  const owner = () =>
    weighted([
      ['rep1', 27],
      ['rep2', 25],
      ['zoneLead', 13],
      ['leader', 15],
      ['manager', 15],
      ['former', 5],
    ])
  const spaced = (n: string) => n.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3')
  const landline = (prefix: string) => `+34 ${spaced(prefix + digits(9 - prefix.length))}`
  const mobile = () => `+34 ${spaced(pick(['6', '7']) + digits(8))}`

  const names = new Set<string>()
  const nifs = new Set<string>()
  const result: DemoCompany[] = []
  while (result.length < companies) {
    const industry = pick(Object.keys(TRADES))
    const city = pick(CITIES)
    const base = pick(TRADES[industry])
      .replace('{S}', pick(SURNAMES))
      .replace('{S2}', pick(SURNAMES))
      .replace('{C}', city[0])
      .replace('{P}', pick(PLACES))
    // Legal form and the CIF letter that goes with it (B = S.L., A = S.A., E = C.B., F = cooperative).
    const legal = base.startsWith('Cooperativa')
      ? 'S. Coop.'
      : weighted([
          ['S.L.', 72],
          ['S.A.', 12],
          ['S.L.L.', 8],
          ['C.B.', 8],
        ])
    const form = [
      legal,
      ({ 'S.A.': 'A', 'C.B.': 'E', 'S. Coop.': 'F' } as Record<string, string>)[legal] ?? 'B',
    ]
    const name = random() < 0.45 ? `${base} ${form[0]}` : base
    if (names.has(name)) continue
    names.add(name)
    let nif: string | null = null
    if (random() > 0.08) {
      do nif = makeCif(form[1], city[2] + digits(5))
      while (nifs.has(nif))
      nifs.add(nif)
    }
    const domain = `${domainFor(base)}.es`
    const phones: [string, string][] = [['Oficina', landline(city[3])]]
    if (random() < 0.35)
      phones.push([
        pick(['Centralita', 'Móvil', 'Fax']),
        random() < 0.5 ? mobile() : landline(city[3]),
      ])
    const emails: [string, string][] = [['General', `info@${domain}`]]
    if (random() < 0.5)
      emails.push([
        pick(['Facturación', 'Pedidos']),
        `${pick(['administracion', 'pedidos', 'facturacion'])}@${domain}`,
      ])
    result.push({
      name,
      legalName: `${base}${legal !== 'S.L.' || base.includes('Hijos') || random() < 0.75 ? '' : ' e Hijos'}, ${legal}`,
      type: weighted([
        ['cliente', 40],
        ['prospecto', 30],
        ['proveedor', 12],
        ['distribuidor', 10],
        ['competidor', 8],
      ]) as (typeof COMPANY_TYPES)[number],
      nif,
      website: `https://www.${domain}`,
      industry,
      ownerKey: owner(),
      city,
      street: `${pick(STREETS)} ${1 + Math.floor(random() * 180)}`,
      shipping: random() < 0.25 ? `${pick(STREETS)} ${1 + Math.floor(random() * 180)}` : null,
      phones,
      emails,
      domain,
      daysAgo: Math.floor(random() * 720),
    })
  }

  const contacts: DemoContact[] = []
  const person = (
    company: DemoCompany | null,
    companyIndex: number | null,
    manager: number | null,
    positionIndex?: number
  ) => {
    const female = random() < 0.5
    const first = pick(female ? FEMALE_NAMES : MALE_NAMES)
    const last = `${pick(SURNAMES)} ${pick(SURNAMES)}`
    const position = POSITIONS[positionIndex ?? 2 + Math.floor(random() * (POSITIONS.length - 2))]
    const slug = normalizeText(`${first}.${last.split(' ')[0]}`).replace(/[^a-z.]/g, '')
    const emails: [string, string][] =
      random() < 0.88
        ? [
            [
              'Trabajo',
              `${slug}@${company?.domain ?? pick(['gmail.com', 'hotmail.com', 'yahoo.es'])}`,
            ],
          ]
        : []
    const phones: [string, string][] = random() < 0.75 ? [['Móvil', mobile()]] : []
    if (company && random() < 0.3) phones.push(['Oficina', company.phones[0][1]])
    contacts.push({
      company: companyIndex,
      first,
      last,
      position: position[female ? 1 : 0],
      department: position[2],
      manager,
      ownerKey: company && random() < 0.85 ? company.ownerKey : owner(),
      phones,
      emails,
      daysAgo: Math.max(0, (company?.daysAgo ?? 400) - Math.floor(random() * 200)),
    })
    return contacts.length - 1
  }
  result.forEach((company, i) => {
    const count = weighted([
      ['0', 8],
      ['1', 22],
      ['2', 28],
      ['3', 20],
      ['4', 12],
      ['5', 6],
      ['6', 4],
    ])
    if (count === '0') return
    const head = person(company, i, null, random() < 0.5 ? 0 : 1)
    let middle: number | null = null
    for (let k = 1; k < Number(count); k++) {
      const index = person(company, i, k >= 3 && middle !== null ? middle : head)
      if (k === 1) middle = index
    }
  })
  while (contacts.length < Math.round(companies * 2.35)) person(null, null, null)
  return { companies: result, contacts }
}

const FILLER = new Set(['y', 'e', 'de', 'del', 'la', 'las', 'el', 'los', 'hermanos', 'hijos'])

/** A plausible web domain: the name's words, or initials plus the last word when that is long. */
function domainFor(name: string): string {
  const words = normalizeText(name)
    .replace(/[^a-z0-9 ]/g, '')
    .split(' ')
    .filter((w) => w && !FILLER.has(w))
  const joined = words.join('')
  return joined.length <= 20
    ? joined
    : words
        .slice(0, -1)
        .map((w) => w[0])
        .join('') + words[words.length - 1]
}
