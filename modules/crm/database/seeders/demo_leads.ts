import db from '@adonisjs/lucid/services/db'
import type { DemoSeedParams } from '#app/registry/types'
import { dbTimestamp } from '#app/support/dates'
import { insertInBatches } from '#app/support/db'
import { recordHistoryMany } from '#app/history/record_history'
import { leadColumns } from '../../actions/leads/load_lead.js'
import { indexLeads } from '../../search/leads.js'

const DAY = 24 * 60 * 60 * 1000

const WANTS = [
  'CRM para el equipo comercial',
  'TPV para tres tiendas',
  'Tienda online con pasarela de pago',
  'ERP con facturación electrónica',
  'Renovación del mantenimiento informático',
  'Presupuesto de licencias para 20 puestos',
  'Migración desde Excel',
  'Demo del módulo de almacén',
  'Integración con su web actual',
  'Formación para el equipo de ventas',
]
const FIRST = [
  'Lucía',
  'Javier',
  'Marta',
  'Carlos',
  'Elena',
  'Pablo',
  'Nuria',
  'Sergio',
  'Ainhoa',
  'Iker',
  'Laia',
  'Xabier',
]
const LAST = [
  'García',
  'Martín',
  'López',
  'Sánchez',
  'Romero',
  'Navarro',
  'Torres',
  'Etxeberria',
  'Puig',
  'Castro',
]
const COMPANIES = [
  'Panaderías Soler',
  'Talleres Ibarra',
  'Clínica Dental Sonrisa',
  'Hostal Mirador',
  'Transportes Oliva',
  'Academia Nova',
  'Ferretería Central',
  'Bodegas Rioja Alta',
  'Inmobiliaria Costa',
  'Gráficas Levante',
]
const PROVINCES = [
  'Madrid',
  'Barcelona',
  'Valencia',
  'Sevilla',
  'Bizkaia',
  'Zaragoza',
  'Málaga',
  'A Coruña',
]
const SOURCES = ['web', 'telefono', 'email', 'feria', 'referido', 'importacion', 'campana', 'otros']
const SECTORS = [
  'alimentacion',
  'hosteleria',
  'comercio',
  'salud',
  'transporte',
  'educacion',
  'tecnologia',
]
const SIZES = ['micro', 'pequena', 'mediana', 'grande']
const INTERESTS = ['crm', 'erp', 'tpv', 'web', 'soporte']
const REASONS = ['sin_presupuesto', 'sin_interes', 'no_contactable', 'competencia']
const STATUSES = ['new', 'new', 'new', 'working', 'working', 'converted', 'disqualified']

/**
 * ~80 demo leads in every status and source: most owned by the sales people (so each demo role
 * sees its own slice), some unassigned in a team's queue or in no queue (only `all` sees those),
 * and a few that repeat a demo contact's e-mail or phone (the page flags them as duplicates).
 */
export default async function seedLeadsDemo({ organizationId, users, random }: DemoSeedParams) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  const teams = new Map(
    (await db.from('teams').where('organization_id', organizationId).select('id', 'name')).map(
      (t) => [t.name as string, Number(t.id)]
    )
  )
  const north = teams.get('Equipo Norte') ?? null
  const centre = teams.get('Equipo Centro') ?? null
  const contacts = await db
    .from('crm_contacts as ct')
    .join('crm_emails as e', 'e.contact_id', 'ct.id')
    .where('ct.organization_id', organizationId)
    .orderBy('ct.id')
    .limit(6)
    .select('ct.first_name', 'ct.last_name', 'e.value as email')
  const companies = await db
    .from('crm_companies')
    .where('organization_id', organizationId)
    .orderBy('id')
    .limit(10)
    .select('id')
  const owners: [number | null, number | null][] = [
    [users.rep1, centre],
    [users.rep2, north],
    [users.zoneLead, null],
    [users.leader, north],
    [users.manager, centre],
    [null, north],
    [null, null],
  ]
  const now = Date.now()
  const rows = Array.from({ length: 80 }, (_, i) => {
    const dup = i % 13 === 0 ? contacts[(i / 13) % Math.max(contacts.length, 1)] : undefined
    const first = dup?.first_name ?? pick(FIRST)
    const last = dup?.last_name ?? `${pick(LAST)} ${pick(LAST)}`
    const company = pick(COMPANIES)
    const status = pick(STATUSES)
    const [ownerId, teamId] =
      status === 'new' && i % 5 === 0 ? owners[5 + (i % 2)] : pick(owners.slice(0, 5))
    const created = dbTimestamp(new Date(now - Math.floor(random() * 90 * DAY)))
    const email =
      dup?.email ?? `${first}.${last.split(' ')[0]}@${company.split(' ')[1] ?? 'mail'}.es`
    return {
      ...leadColumns({
        title: pick(WANTS),
        firstName: first,
        lastName: last,
        companyName: company,
        email: email.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(),
        phone: `+346${String(10000000 + Math.floor(random() * 89999999))}`,
        province: pick(PROVINCES),
        country: 'ES',
        sector: pick(SECTORS),
        companySize: pick(SIZES),
        productInterest: pick(INTERESTS),
        language: i % 9 === 0 ? 'ca' : i % 11 === 0 ? 'eu' : 'es',
        source: SOURCES[i % SOURCES.length],
        description: null,
      }),
      organization_id: organizationId,
      status,
      owner_id: ownerId,
      team_id: teamId,
      disqualify_reason: status === 'disqualified' ? pick(REASONS) : null,
      disqualified_at: status === 'disqualified' ? created : null,
      converted_at: status === 'converted' ? created : null,
      converted_company_id:
        status === 'converted' && companies.length ? Number(pick(companies).id) : null,
      created_by: ownerId ?? users.admin,
      created_at: created,
      updated_at: created,
    }
  })
  await db.transaction(async (trx) => {
    const max = await trx
      .from('crm_leads')
      .where('organization_id', organizationId)
      .max('id as id')
      .first()
    await insertInBatches(trx, 'crm_leads', rows)
    const ids = (
      await trx
        .from('crm_leads')
        .where('organization_id', organizationId)
        .where('id', '>', Number(max?.id ?? 0))
        .orderBy('id')
        .select('id', 'title')
    ).map((r) => ({ id: Number(r.id), title: r.title as string }))
    await recordHistoryMany(
      trx,
      { organizationId, actorId: users.admin, subjectType: 'crm.lead' },
      ids.map((l) => ({
        subjectId: l.id,
        action: 'create' as const,
        before: {},
        after: { name: l.title },
        kind: 'created',
        data: { title: l.title },
        summary: true,
      }))
    )
    await indexLeads(
      trx,
      organizationId,
      ids.map((l) => l.id)
    )
  })
}
