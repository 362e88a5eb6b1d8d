import { test } from '@japa/runner'
import { decideAll, fold, postcode } from '../../assignment/engine.js'
import {
  EMPTY_CONDITIONS,
  type EngineState,
  type LeadFacts,
  type Rule,
  type RuleMember,
} from '../../assignment/types.js'

/*
 * The assignment decision as pure computation: rule order and conditions, each strategy,
 * capacity, away and deactivated users, fallback to a user or the queue, and the candidates
 * with why each was skipped.
 */

let nextLead = 1
const lead = (facts: Partial<LeadFacts> = {}): LeadFacts => ({
  id: nextLead++,
  source: 'web',
  province: 'Madrid',
  postalCode: '28001',
  sector: null,
  companySize: null,
  productInterest: null,
  language: 'es',
  ...facts,
})
const member = (userId: number, extra: Partial<RuleMember> = {}): RuleMember => ({
  userId,
  weight: 1,
  capacity: null,
  territory: { provinces: [], postcodes: [] },
  assigned: 0,
  ...extra,
})
const rule = (id: number, extra: Partial<Rule> = {}): Rule => ({
  id,
  name: `Regla ${id}`,
  strategy: 'round_robin',
  fixedUserId: null,
  teamId: null,
  pointer: 0,
  conditions: { ...EMPTY_CONDITIONS },
  members: [],
  ...extra,
})
const state = (extra: Partial<EngineState> = {}): EngineState => ({
  away: new Set(),
  inactive: new Set(),
  open: new Map(),
  fallbackUserId: null,
  ...extra,
})
const owners = (leads: LeadFacts[], rules: Rule[], s: EngineState) =>
  decideAll(leads, rules, s).map((d) => d.userId)

test.group('Assignment engine', () => {
  test('helpers: fold and postcodes', ({ assert }) => {
    assert.equal(fold(' Álava '), 'alava')
    assert.equal(postcode('8001'), '08001')
    assert.isNull(postcode('AB12'))
  })

  test('the first matching rule decides; conditions are allow-lists (empty = any)', ({
    assert,
  }) => {
    const rules = [
      rule(1, {
        strategy: 'fixed',
        fixedUserId: 10,
        conditions: { ...EMPTY_CONDITIONS, sources: ['feria'] },
      }),
      rule(2, {
        strategy: 'fixed',
        fixedUserId: 20,
        conditions: {
          ...EMPTY_CONDITIONS,
          provinces: ['Barcelona'],
          postcodes: [{ from: '08000', to: '08999' }],
        },
      }),
      rule(3, { strategy: 'fixed', fixedUserId: 30 }),
    ]
    const got = owners(
      [
        lead({ source: 'feria', province: 'Barcelona' }),
        lead({ province: 'barcelona', postalCode: null }),
        lead({ province: null, postalCode: '8015' }),
        lead({ province: 'Sevilla', postalCode: '41001' }),
      ],
      rules,
      state()
    )
    assert.deepEqual(got, [10, 20, 20, 30])
  })

  test('several conditions must all match', ({ assert }) => {
    const rules = [
      rule(1, {
        strategy: 'fixed',
        fixedUserId: 10,
        conditions: { ...EMPTY_CONDITIONS, sectors: ['hosteleria'], languages: ['en', 'de'] },
      }),
    ]
    const got = decideAll(
      [
        lead({ sector: 'hosteleria', language: 'en' }),
        lead({ sector: 'hosteleria', language: 'es' }),
      ],
      rules,
      state()
    )
    assert.deepEqual(
      got.map((d) => d.userId),
      [10, null]
    )
    assert.equal(got[1].reason.key, 'crm.assignment.reasons.no_rule_queue')
    assert.isNull(got[1].ruleId)
  })

  test('round robin takes turns from the stored pointer and skips the away', ({ assert }) => {
    const r = rule(1, { members: [member(1), member(2), member(3)], pointer: 1 })
    const s = state({ away: new Set([3]) })
    const decisions = decideAll([lead(), lead(), lead()], [r], s)
    assert.deepEqual(
      decisions.map((d) => d.userId),
      [2, 1, 2]
    )
    assert.equal(r.pointer, 2)
    assert.deepEqual(decisions[0].candidates, [
      { userId: 1, skipped: null, chosen: false, open: 0 },
      { userId: 2, skipped: null, chosen: true, open: 0 },
      { userId: 3, skipped: 'away', chosen: false, open: 0 },
    ])
    assert.deepEqual(decisions[0].reason, {
      key: 'crm.assignment.reasons.round_robin',
      params: { rule: 'Regla 1', turn: 2, of: 3 },
    })
  })

  test('least loaded picks the fewest open leads and counts what it hands out', ({ assert }) => {
    const r = rule(1, { strategy: 'least_loaded', members: [member(1), member(2)] })
    const s = state({
      open: new Map([
        [1, 3],
        [2, 1],
      ]),
    })
    assert.deepEqual(owners([lead(), lead(), lead(), lead()], [r], s), [2, 2, 1, 2])
    assert.equal(s.open.get(2), 4)
  })

  test('weighted hands out by weight share, deterministically', ({ assert }) => {
    const r = rule(1, {
      strategy: 'weighted',
      members: [member(1, { weight: 3 }), member(2, { weight: 1 })],
    })
    const got = owners(
      Array.from({ length: 8 }, () => lead()),
      [r],
      state()
    )
    assert.equal(got.filter((u) => u === 1).length, 6)
    assert.equal(got.filter((u) => u === 2).length, 2)
    assert.deepEqual(
      got,
      owners(
        Array.from({ length: 8 }, () => lead()),
        [
          rule(1, {
            strategy: 'weighted',
            members: [member(1, { weight: 3 }), member(2, { weight: 1 })],
          }),
        ],
        state()
      )
    )
  })

  test('territory: the member whose provinces or postcodes cover the lead', ({ assert }) => {
    const r = rule(1, {
      strategy: 'territory',
      members: [
        member(1, { territory: { provinces: ['Madrid'], postcodes: [] } }),
        member(2, { territory: { provinces: [], postcodes: [{ from: '08000', to: '08999' }] } }),
      ],
    })
    const decisions = decideAll(
      [
        lead({ province: 'Madrid' }),
        lead({ province: 'Barcelona', postalCode: '08030' }),
        lead({ province: 'Cádiz', postalCode: '11001' }),
      ],
      [r],
      state()
    )
    assert.deepEqual(
      decisions.map((d) => d.userId),
      [1, 2, null]
    )
    assert.deepEqual(
      decisions[0].candidates.map((c) => c.skipped),
      [null, 'outside_territory']
    )
    assert.equal(decisions[2].reason.key, 'crm.assignment.reasons.no_eligible_queue')
    assert.equal(decisions[2].ruleId, 1)
  })

  test('capacity: a member at capacity is skipped; everyone full → fallback user', ({ assert }) => {
    const r = rule(1, { members: [member(1, { capacity: 2 }), member(2, { capacity: 1 })] })
    const s = state({ open: new Map([[1, 1]]), fallbackUserId: 9 })
    const decisions = decideAll([lead(), lead(), lead()], [r], s)
    assert.deepEqual(
      decisions.map((d) => d.userId),
      [1, 2, 9]
    )
    assert.deepEqual(
      decisions[2].candidates.map((c) => c.skipped),
      ['at_capacity', 'at_capacity']
    )
    assert.isTrue(decisions[2].fallback)
    assert.equal(decisions[2].reason.key, 'crm.assignment.reasons.no_eligible_user')
  })

  test('fallback: an away fallback user leaves the lead in the queue', ({ assert }) => {
    const d = decideAll([lead()], [], state({ fallbackUserId: 9, away: new Set([9]) }))[0]
    assert.isNull(d.userId)
    assert.isTrue(d.fallback)
    assert.equal(d.reason.key, 'crm.assignment.reasons.no_rule_queue')
  })

  test('fixed: the one user, unless away or deactivated', ({ assert }) => {
    const r = rule(1, { strategy: 'fixed', fixedUserId: 5, teamId: 7 })
    assert.deepEqual(decideAll([lead()], [r], state())[0].teamId, 7)
    const away = decideAll([lead()], [r], state({ away: new Set([5]) }))[0]
    assert.deepEqual([away.userId, away.candidates[0].skipped], [null, 'away'])
    const off = decideAll([lead()], [r], state({ inactive: new Set([5]) }))[0]
    assert.deepEqual([off.userId, off.candidates[0].skipped], [null, 'inactive'])
  })

  // Speed is measured by `npm run bench:crm` (item 5), not asserted here.
  test('10,000 leads through 20 rules: every one decided, by the rule its source matches', ({
    assert,
  }) => {
    const rules = Array.from({ length: 20 }, (_, i) =>
      rule(i + 1, {
        strategy: (['round_robin', 'least_loaded', 'weighted', 'territory'] as const)[i % 4],
        conditions: { ...EMPTY_CONDITIONS, sources: i === 19 ? [] : [`s${i}`] },
        members: Array.from({ length: 5 }, (__, k) =>
          member(i * 10 + k, {
            capacity: 5000,
            territory: { provinces: ['Madrid'], postcodes: [] },
          })
        ),
      })
    )
    const leads = Array.from({ length: 10_000 }, (_, i) => lead({ source: `s${i % 25}` }))
    const decisions = decideAll(leads, rules, state())
    assert.equal(decisions.filter((d) => d.userId !== null).length, 10_000)
    // Sources s0…s18 have their own rule (ids 1…19); the others fall to rule 20 (no conditions).
    const expected = (i: number) => (i % 25 < 19 ? (i % 25) + 1 : 20)
    assert.deepEqual(
      decisions.map((d) => d.ruleId).filter((id, i) => id !== expected(i)),
      []
    )
  })
})
