import { test } from '@japa/runner'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** cube/cube.js, the stock Cube server's configuration, loaded as that server loads it. */
const config = require('../../../../cube/cube.js')

test.group('Analytics · cube/cube.js (stock-Cube mode)', () => {
  test('views map to the scope resource of their root cube', ({ assert }) => {
    const views: Map<string, { resource: string | null; leader: string | null }> =
      config._viewScopes()
    assert.deepEqual(views.get('crm_pipeline'), { resource: 'crm.opportunities', leader: null })
    assert.equal(views.get('crm_leads_overview')?.resource, 'crm.leads')
    // Quotas: the quotas page's rule (crm.quotas), and team quotas to their leader.
    assert.deepEqual(views.get('crm_quota_attainment'), {
      resource: 'crm.quotas',
      leader: 'leader_id',
    })
  })

  test('queryRewrite: quotas of the owners in scope or of the teams the user leads', ({
    assert,
  }) => {
    const query = { measures: ['crm_quota_attainment.target_minor'] }
    const rewrite = (owners: Record<string, number[] | null>) =>
      config.queryRewrite(query, { securityContext: { organizationId: 7, userId: 3, owners } })
        .filters
    assert.deepEqual(rewrite({ 'crm.quotas': [3, 4] })[1], {
      or: [
        { member: 'crm_quota_attainment.owner_id', operator: 'equals', values: ['3', '4'] },
        { member: 'crm_quota_attainment.leader_id', operator: 'equals', values: ['3'] },
      ],
    })
    // Scope `all`: every quota (zone and family too); no permission: none, led or not.
    assert.lengthOf(rewrite({ 'crm.quotas': null }), 1)
    assert.deepEqual(rewrite({})[1], {
      member: 'crm_quota_attainment.owner_id',
      operator: 'equals',
      values: ['-1'],
    })
  })

  test('queryRewrite adds the organization and owner filters of the token', ({ assert }) => {
    const query = {
      measures: ['crm_pipeline.count'],
      filters: [{ member: 'crm_leads_overview.status', operator: 'equals', values: ['new'] }],
    }
    const securityContext = {
      organizationId: 7,
      userId: 3,
      owners: { 'crm.opportunities': [3, 4], 'crm.leads': null },
    }
    const rewritten = config.queryRewrite(query, { securityContext })
    assert.deepEqual(rewritten.filters, [
      query.filters[0],
      { member: 'crm_pipeline.organization_id', operator: 'equals', values: ['7'] },
      { member: 'crm_pipeline.owner_id', operator: 'equals', values: ['3', '4'] },
      { member: 'crm_leads_overview.organization_id', operator: 'equals', values: ['7'] },
    ])
    // No grant for a resource: nothing matches.
    const none = config.queryRewrite(
      { measures: ['crm_pipeline.count'] },
      { securityContext: { organizationId: 7, userId: 3, owners: {} } }
    )
    assert.deepEqual(none.filters[1].values, ['-1'])
    assert.throws(() => config.queryRewrite(query, { securityContext: {} }), /organization/)
    assert.throws(
      () => config.queryRewrite({ measures: ['crm_opportunities.count'] }, { securityContext }),
      /Unknown view/
    )
  })
})
