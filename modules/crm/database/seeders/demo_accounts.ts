import db from '@adonisjs/lucid/services/db'
import type { DemoSeedParams } from '#app/registry/types'
import { updateRows } from '#app/support/bulk'
import { insertInBatches } from '#app/support/db'
import { dbTimestamp, toDate } from '#app/support/dates'
import { INDUSTRY_DEFAULTS } from '../../lists.js'
import { FEMALE_NAMES, MALE_NAMES } from './demo_data.js'

/*
 * The complete companies' and contacts' demo values, filled on the records demo.ts created
 * (read back from the database): zones by province, statuses, sizes, extra sectors, a few
 * groups, competitor notes; contacts' gender, language, birthday, GDPR consent and opt-out,
 * and their positions over time (some moved from another company). Deterministic with the
 * given random; runs after every other CRM demo so their sequences stay as they were.
 */

const ZONE_OF: Record<string, string> = {}
for (const [zone, provinces] of Object.entries({
  norte: ['Asturias', 'Cantabria', 'Bizkaia', 'Gipuzkoa', 'Álava', 'Navarra', 'La Rioja', 'Burgos'],
  noroeste: ['A Coruña', 'Lugo', 'Ourense', 'Pontevedra', 'León', 'Zamora'],
  nordeste: ['Barcelona', 'Girona', 'Lleida', 'Tarragona', 'Zaragoza', 'Huesca', 'Teruel'],
  levante: ['Valencia', 'Alicante', 'Castellón', 'Murcia', 'Albacete'],
  sur: ['Sevilla', 'Málaga', 'Cádiz', 'Córdoba', 'Granada', 'Almería', 'Huelva', 'Jaén'],
  islas: ['Illes Balears', 'Las Palmas', 'Santa Cruz de Tenerife'],
}))
  for (const p of provinces) ZONE_OF[p] = zone

const LANGUAGE_OF: Record<string, string> = {
  'Barcelona': 'ca',
  'Girona': 'ca',
  'Lleida': 'ca',
  'Tarragona': 'ca',
  'Bizkaia': 'eu',
  'Gipuzkoa': 'eu',
  'A Coruña': 'gl',
  'Pontevedra': 'gl',
}

const STRENGTHS = [
  'Precios agresivos en volumen',
  'Marca conocida en el sector',
  'Red comercial amplia',
  'Plazos de entrega cortos',
]
const WEAKNESSES = [
  'Servicio posventa lento',
  'Poca presencia en el sur',
  'Catálogo poco flexible',
  'Condiciones de pago rígidas',
]
const SOURCES = ['formulario_web', 'contrato', 'verbal', 'email', 'importacion']
const DAY = 86_400_000

export default async function seedAccountsDemo({ organizationId, random }: DemoSeedParams) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  const daysAgo = (max: number) => new Date(Date.now() - Math.floor(random() * max) * DAY)
  const day = (date: Date) => date.toISOString().slice(0, 10)

  await db.transaction(async (trx) => {
    const companies = await trx
      .from('crm_companies as c')
      .leftJoin('crm_addresses as a', (j) =>
        j.on('a.company_id', 'c.id').andOnVal('a.kind', 'fiscal')
      )
      .where('c.organization_id', organizationId)
      .orderBy('c.id')
      .select('c.id', 'c.type', 'c.industry', 'a.province')
    const industries = INDUSTRY_DEFAULTS.map((v) => v.code)
    const provinceOf = new Map(companies.map((c) => [Number(c.id), c.province as string | null]))
    const updates = companies.map((c) => {
      const r = random()
      const values: Record<string, unknown> = {
        zone: ZONE_OF[c.province] ?? 'centro',
        status: r < 0.85 ? 'activa' : r < 0.95 ? 'inactiva' : 'baja',
        size: pick(['micro', 'micro', 'pequena', 'pequena', 'mediana', 'grande']),
      }
      if (c.type === 'competidor') {
        values.strengths = pick(STRENGTHS)
        values.weaknesses = pick(WEAKNESSES)
      }
      return { id: Number(c.id), values }
    })
    // A few groups: a parent customer with one to three subsidiaries (never a subsidiary's own).
    const clients = companies.filter((c) => c.type === 'cliente').map((c) => Number(c.id))
    for (let g = 0; g < 8 && clients.length > 40; g++) {
      const parent = clients[g * 5]
      for (let k = 1; k <= 1 + Math.floor(random() * 3); k++) {
        const child = updates.find((u) => u.id === clients[g * 5 + k])
        if (child) child.values.parent_id = parent
      }
    }
    await updateRows(trx, 'crm_companies', updates, { organization_id: organizationId })
    await insertInBatches(
      trx,
      'crm_company_industries',
      companies.flatMap((c) => {
        if (random() >= 0.3) return []
        const extra = new Set([pick(industries), pick(industries)])
        extra.delete(c.industry)
        return [...extra].map((industry) => ({
          organization_id: organizationId,
          company_id: c.id,
          industry,
        }))
      })
    )

    const contacts = await trx
      .from('crm_contacts')
      .where('organization_id', organizationId)
      .orderBy('id')
      .select('id', 'first_name', 'company_id', 'position', 'department', 'created_at')
    const female = new Set(FEMALE_NAMES)
    const male = new Set(MALE_NAMES)
    const positions: Record<string, unknown>[] = []
    const companyIds = companies.map((c) => Number(c.id))
    await updateRows(
      trx,
      'crm_contacts',
      contacts.map((ct) => {
        const province = ct.company_id ? provinceOf.get(Number(ct.company_id)) : null
        const consent = random()
        const status = consent < 0.5 ? 'granted' : consent < 0.6 ? 'denied' : 'unknown'
        const optedOut = random() < 0.04
        const started = toDate(ct.created_at)
        if (ct.company_id) {
          // Some people came from another company: their former position is history.
          if (random() < 0.08) {
            const before = pick(companyIds.filter((id) => id !== Number(ct.company_id)))
            const left = new Date(started.getTime() - 30 * DAY)
            positions.push(position(ct, before, new Date(left.getTime() - 700 * DAY), left))
          }
          positions.push(position(ct, Number(ct.company_id), started, null))
        }
        return {
          id: Number(ct.id),
          values: {
            gender: female.has(ct.first_name) ? 'mujer' : male.has(ct.first_name) ? 'hombre' : null,
            language:
              random() < 0.85 ? 'es' : ((province && LANGUAGE_OF[province]) ?? pick(['en', 'fr'])),
            birthday:
              random() < 0.6
                ? day(
                    new Date(
                      Date.UTC(
                        1960 + Math.floor(random() * 40),
                        Math.floor(random() * 12),
                        1 + Math.floor(random() * 28)
                      )
                    )
                  )
                : null,
            consent_status: status,
            consent_at: status === 'unknown' ? null : dbTimestamp(daysAgo(700)),
            consent_source: status === 'unknown' ? null : pick(SOURCES),
            opted_out: optedOut,
            opted_out_at: optedOut ? dbTimestamp(daysAgo(200)) : null,
            opt_out_source: optedOut ? pick(['email', 'verbal']) : null,
          },
        }
      }),
      { organization_id: organizationId }
    )
    await insertInBatches(trx, 'crm_contact_positions', positions)

    function position(ct: Record<string, any>, companyId: number, from: Date, to: Date | null) {
      return {
        organization_id: organizationId,
        contact_id: Number(ct.id),
        company_id: companyId,
        position: to
          ? pick(['Técnico comercial', 'Administración', 'Responsable de compras'])
          : ct.position,
        department: to ? null : ct.department,
        started_on: day(from),
        ended_on: to ? day(to) : null,
        current: to === null,
        created_at: dbTimestamp(),
      }
    }
  })
}
