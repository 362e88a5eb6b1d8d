// The generated data of `npm run bench:crm` (bench/crm.mjs): written straight into the
// throw-away SQLite database with better-sqlite3, multi-row INSERTs in one transaction per batch,
// deterministic (a seeded generator, fixed dates). Scale 1 = 200,000 companies, 1,000,000
// contacts, 500,000 opportunities, 3,000,000 activities and 200,000 leads in the demo
// organization, plus 100 bench reps in 10 teams; the measured slices are fixed sizes (a team
// with 5,000 open opportunities, a rep with 2,000 open activities, 10,000 unowned leads).
import {
  DAY,
  FACTS,
  REPS,
  TEAM_SIZE,
  cif,
  existingLead,
  fill,
  nextId,
  seeded,
  stamp,
} from './crm_rows.mjs'

const { PROVINCES, SOURCES, SECTORS, SIZES, INTERESTS, LANGUAGES } = FACTS

/**
 * Bench reps and teams: 10 reps join Equipo Norte (its own stages), 90 form nine teams on the
 * default pipeline; Equipo Bench 1 gets a leader (team scope) of its own.
 */
function people(sqlite, org) {
  const template = sqlite
    .prepare("SELECT * FROM users WHERE email = 'ventas2@demo.cartera.es'")
    .get()
  const role = sqlite
    .prepare("SELECT id FROM roles WHERE organization_id = ? AND name = 'Comercial'")
    .get(org)
  const norte = sqlite
    .prepare("SELECT id, leader_id FROM teams WHERE organization_id = ? AND name = 'Equipo Norte'")
    .get(org)
  const firstUser = nextId(sqlite, 'users')
  const firstTeam = nextId(sqlite, 'teams')
  const now = stamp(0)
  const reps = Array.from({ length: REPS }, (_, i) => firstUser + i)
  const leader = firstUser + REPS
  const leaderRole = sqlite
    .prepare("SELECT id FROM roles WHERE organization_id = ? AND name = 'Jefe de equipo'")
    .get(org)
  fill(sqlite, 'users', REPS + 1, (i) => ({
    ...template,
    id: firstUser + i,
    email: i < REPS ? `bench${i}@bench.cartera.es` : 'jefe.bench@bench.cartera.es',
    full_name: i < REPS ? `Comercial Bench ${i}` : 'Jefe Bench',
    full_name_normalized: i < REPS ? `comercial bench ${i}` : 'jefe bench',
    reports_to_id: template.reports_to_id,
    last_login_at: null,
  }))
  fill(sqlite, 'user_roles', REPS + 1, (i) => ({
    user_id: firstUser + i,
    role_id: i < REPS ? role.id : leaderRole.id,
  }))
  const teams = Array.from({ length: REPS / TEAM_SIZE - 1 }, (_, t) => firstTeam + t)
  fill(sqlite, 'teams', teams.length, (t) => ({
    id: teams[t],
    organization_id: org,
    name: `Equipo Bench ${t + 1}`,
    name_normalized: `equipo bench ${t + 1}`,
    leader_id: t === 0 ? leader : null,
    monthly_target_minor: 5_000_000,
    currency: 'EUR',
    created_at: now,
    updated_at: now,
  }))
  const teamOf = (r) => (r < TEAM_SIZE ? norte.id : teams[Math.floor(r / TEAM_SIZE) - 1])
  fill(sqlite, 'team_members', REPS, (i) => ({ team_id: teamOf(i), user_id: reps[i] }))
  const rep2 = sqlite
    .prepare("SELECT id FROM users WHERE email = 'ventas2@demo.cartera.es'")
    .get().id
  return {
    reps,
    teams,
    teamOf,
    norte: norte.id,
    leader: norte.leader_id,
    rep2,
    benchLeader: leader,
  }
}

/**
 * Everything the bench measures against. Returns the ids the measures need: the Norte team and
 * its leader, the rep with 2,000 open activities, the 16 movers and their open opportunities,
 * the unowned leads.
 */
export function generate(sqlite, scale) {
  const random = seeded()
  const pick = (list) => list[Math.floor(random() * list.length)]
  const n = (count) => Math.max(0, Math.round(count * scale))
  const org = sqlite.prepare("SELECT id FROM organizations WHERE slug = 'demo'").get().id
  const p = people(sqlite, org)
  const now = stamp(0)
  const ago = (days) => stamp(-Math.floor(random() * days * DAY))

  const companies = n(200_000)
  const company0 = nextId(sqlite, 'crm_companies')
  const companyName = (i) => `Empresa Bench ${String(i).padStart(7, '0')}`
  fill(sqlite, 'crm_companies', companies, (i) => ({
    id: company0 + i,
    organization_id: org,
    name: `${companyName(i)} S.L.`,
    name_normalized: `${companyName(i).toLowerCase()} s.l.`,
    name_key: companyName(i).toLowerCase(),
    type: i % 10 === 0 ? 'proveedor' : 'cliente',
    nif: cif('G', 4_000_000 + i),
    industry: pick(SECTORS),
    owner_id: p.reps[i % REPS],
    created_at: ago(1500),
    updated_at: now,
  }))
  const contacts = n(1_000_000)
  const contact0 = nextId(sqlite, 'crm_contacts')
  fill(sqlite, 'crm_contacts', contacts, (i) => ({
    id: contact0 + i,
    organization_id: org,
    company_id: companies ? company0 + (i % companies) : null,
    first_name: 'Persona',
    last_name: `Bench ${i}`,
    name_normalized: `persona bench ${i}`,
    last_name_normalized: `bench ${i}`,
    owner_id: p.reps[i % REPS],
    created_at: ago(1500),
    updated_at: now,
  }))

  // Opportunities: Equipo Norte (its own stages) and Equipo Bench 1 (the default pipeline,
  // shared with every other team) get exactly 5,000 open ones each and as many closed; the rest
  // spread over the other bench teams on the default pipeline, half of them open.
  const stages = sqlite
    .prepare(
      'SELECT id, team_id, probability, is_won, is_lost FROM crm_pipeline_stages WHERE organization_id = ? ORDER BY position'
    )
    .all(org)
  const norteStages = stages.filter((s) => s.team_id === p.norte)
  const defaultStages = stages.filter((s) => s.team_id === null)
  const opportunities = n(500_000)
  const norteOpen = Math.min(5_000, Math.floor(opportunities * 0.4))
  const norteClosed = Math.min(5_000, Math.floor(opportunities * 0.1))
  const slice = norteOpen + norteClosed
  const stride = Math.max(3, Math.floor(opportunities / slice))
  const opportunity0 = nextId(sqlite, 'crm_opportunities')
  fill(sqlite, 'crm_opportunities', opportunities, (i) => {
    // Interleaved by id, as a team's opportunities are over time: 1 in `stride` for each team.
    const k = Math.floor(i / stride)
    const team = i % stride < 2 && k < slice ? i % stride : 2
    const inNorte = team === 0
    const r = team < 2 ? team * TEAM_SIZE + (k % TEAM_SIZE) : 20 + (i % (REPS - 20))
    const list = inNorte ? norteStages : defaultStages
    const open = list.filter((s) => !s.is_won && !s.is_lost)
    const closed = list.filter((s) => s.is_won || s.is_lost)
    const isOpen = team < 2 ? k < norteOpen : random() < 0.5
    const stage = isOpen ? pick(open) : pick(closed)
    const status = stage.is_won ? 'won' : stage.is_lost ? 'lost' : 'open'
    const amount = 100_000 + Math.floor(random() * 5_000_000)
    const entered = ago(400)
    return {
      id: opportunity0 + i,
      organization_id: org,
      name: `Oportunidad Bench ${i}`,
      name_normalized: `oportunidad bench ${i}`,
      company_id: companies ? company0 + ((i * 7) % companies) : null,
      stage_id: stage.id,
      team_id: inNorte ? p.norte : p.teamOf(r),
      owner_id: p.reps[r],
      amount_minor: amount,
      currency: 'EUR',
      amount_org_minor: amount,
      exchange_rate: '1',
      weighted_org_minor: Math.round((amount * stage.probability) / 100),
      probability: stage.probability,
      expected_close_on: stamp(Math.floor((random() - 0.3) * 300) * DAY).slice(0, 10),
      priority: Math.floor(random() * 4),
      source: pick(SOURCES),
      status,
      lost_reason: status === 'lost' ? 'precio' : null,
      won_at: status === 'won' ? entered : null,
      lost_at: status === 'lost' ? entered : null,
      stage_entered_at: entered,
      created_at: entered,
      updated_at: entered,
    }
  })

  // Activities: ventas2 gets exactly 2,000 open ones (and 6,000 done); the rest over the reps.
  const types = sqlite
    .prepare('SELECT id FROM crm_activity_types WHERE organization_id = ?')
    .all(org)
    .map((t) => t.id)
  const activities = n(3_000_000)
  const mineOpen = Math.min(2_000, Math.floor(activities * 0.2))
  const mineDone = Math.min(6_000, Math.floor(activities * 0.2))
  const subjects = [
    ['crm.company', company0, companies],
    ['crm.contact', contact0, contacts],
    ['crm.opportunity', opportunity0, opportunities],
  ].filter((s) => s[2] > 0)
  fill(sqlite, 'crm_activities', activities, (i) => {
    const mine = i < mineOpen + mineDone
    const open = mine ? i < mineOpen : random() < 0.25
    const due = open
      ? stamp(Math.floor((random() - 0.2) * 120 * DAY))
      : stamp(-Math.floor(random() * 700 * DAY))
    const [subjectType, first, count] = subjects[i % subjects.length]
    const assignee = mine ? p.rep2 : p.reps[i % REPS]
    return {
      organization_id: org,
      type_id: types[i % types.length],
      subject_type: subjectType,
      subject_id: first + ((i * 13) % count),
      title: `Actividad Bench ${i}`,
      due_at: due.slice(0, 17) + '00',
      duration_min: 30,
      assignee_id: assignee,
      status: open ? 'open' : 'done',
      done_at: open ? null : due,
      created_by: assignee,
      created_at: due,
      updated_at: due,
    }
  })

  // Leads: 200,000 existing ones (the import's duplicate keys look here), then the unowned new
  // ones the assignment measure runs its rules over.
  const leads = n(200_000)
  const unowned = Math.max(1_000, Math.min(10_000, n(200_000)))
  const lead0 = nextId(sqlite, 'crm_leads')
  fill(sqlite, 'crm_leads', leads + unowned, (i) => {
    const fresh = i >= leads
    const created = fresh ? stamp(-Math.floor(random() * DAY)) : ago(700)
    return {
      ...existingLead(i),
      id: lead0 + i,
      organization_id: org,
      province: pick(PROVINCES),
      postal_code: String(1000 + Math.floor(random() * 50_000)).padStart(5, '0'),
      country: 'ES',
      sector: pick(SECTORS),
      company_size: pick(SIZES),
      product_interest: pick(INTERESTS),
      language: pick(LANGUAGES),
      source: pick(SOURCES),
      status: fresh ? 'new' : pick(['new', 'working', 'working', 'converted', 'disqualified']),
      owner_id: fresh ? null : p.reps[i % REPS],
      created_at: created,
      updated_at: created,
    }
  })
  sqlite.exec('ANALYZE')
  return {
    org,
    ...p,
    counts: { companies, contacts, opportunities, activities, leads, unowned, norteOpen, mineOpen },
    unownedLeads: Array.from({ length: unowned }, (_, k) => lead0 + leads + k),
    existingLeads: leads,
  }
}
