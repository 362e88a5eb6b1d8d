import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { analyticsWorld } from '../world.js'
import { CUBE_API, LOAD, multi } from '../client.js'
import { setCubeProxy } from '../../engine/proxy.js'

const SECRET = 'stand-in-cube-secret'

interface Seen {
  method: string
  url: string
  authorization: string
  body: string
}

const member = (name: string, shortTitle: string) => ({
  name,
  title: `Cartera de oportunidades ${shortTitle}`,
  shortTitle,
  type: 'number',
})

/** What a stock Cube answers from the yml: Spanish titles. */
const TITLED = {
  meta: {
    cubes: [
      {
        name: 'crm_pipeline',
        title: 'Cartera de oportunidades',
        measures: [member('crm_pipeline.amount_minor', 'Importe')],
        dimensions: [member('crm_pipeline.stage', 'Etapa')],
        segments: [],
      },
    ],
  },
  load: {
    queryType: 'regularQuery',
    results: [
      {
        data: [],
        annotation: {
          measures: { 'crm_pipeline.amount_minor': member('crm_pipeline.amount_minor', 'Importe') },
          dimensions: { 'crm_pipeline.stage': member('crm_pipeline.stage', 'Etapa') },
          segments: {},
          timeDimensions: {
            'crm_pipeline.closed_at.month': member('crm_pipeline.closed_at', 'Cierre'),
          },
        },
      },
    ],
  },
}

/** A tiny HTTP server standing in for a stock Cube: records each request, answers JSON. */
async function standInCube() {
  const seen: Seen[] = []
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    seen.push({
      method: req.method!,
      url: req.url!,
      authorization: String(req.headers.authorization),
      body,
    })
    const status = req.url!.includes('bad') ? 400 : 200
    res.writeHead(status, { 'Content-Type': 'application/json' })
    const answer = req.url!.includes('titled')
      ? TITLED[req.url!.includes('/meta') ? 'meta' : 'load']
      : { fromCube: req.url }
    res.end(JSON.stringify(status === 200 ? answer : { error: 'Cube says no' }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { seen, server, url: `http://127.0.0.1:${port}/cubejs-api/v1` }
}

/** The token's claims, after checking its HS256 signature as Cube's checkAuth does. */
function claims(token: string) {
  const [header, payload, signature] = token.split('.')
  const expected = createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url')
  if (signature !== expected) throw new Error('bad signature')
  return JSON.parse(Buffer.from(payload, 'base64url').toString())
}

test.group('Analytics · stock-Cube mode (CUBE_API_URL): the proxy', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => setCubeProxy(undefined))

  test('load, meta and sql pass through with a JWT carrying the security context', async ({
    client,
    assert,
  }) => {
    const cube = await standInCube()
    try {
      setCubeProxy({ url: cube.url, secret: SECRET })
      const { org, users } = await analyticsWorld()
      const query = { measures: ['crm_pipeline.count'] }

      const load = await client.get(LOAD).qs(multi(query)).loginAs(users.manager)
      load.assertStatus(200)
      const [get] = cube.seen
      assert.equal(get.method, 'GET')
      assert.match(get.url, /^\/cubejs-api\/v1\/load\?/)
      const params = new URL(get.url, 'http://x').searchParams
      assert.deepEqual(JSON.parse(params.get('query')!), query)
      assert.equal(params.get('queryType'), 'multi')
      assert.deepEqual(load.body(), { fromCube: get.url })

      const context = claims(get.authorization)
      assert.equal(context.organizationId, org.id)
      assert.equal(context.userId, users.manager.id)
      // Hierarchy: the manager and both reports, for every resource the model scopes by.
      const team = [users.manager.id, users.rep.id, users.rep2.id].sort((a, b) => a - b)
      assert.deepEqual(context.owners['crm.opportunities'], team)
      assert.deepEqual(context.owners['crm.leads'], team)
      assert.isAbove(context.exp, context.iat)
      assert.isAtMost(context.exp - context.iat, 300)

      const post = await client
        .post(LOAD)
        .json({ query, queryType: 'multi' })
        .withCsrfToken()
        .loginAs(users.rep)
      post.assertStatus(200)
      assert.equal(cube.seen[1].method, 'POST')
      assert.deepInclude(JSON.parse(cube.seen[1].body), { query, queryType: 'multi' })
      assert.deepEqual(claims(cube.seen[1].authorization).owners['crm.opportunities'], [
        users.rep.id,
      ])

      const meta = await client.get(`${CUBE_API}/meta`).loginAs(users.admin)
      meta.assertStatus(200)
      assert.equal(cube.seen[2].url, '/cubejs-api/v1/meta')
      // An administrator sees every owner (null), and only administrators reach /sql.
      assert.isNull(claims(cube.seen[2].authorization).owners['crm.opportunities'])
      const repSql = await client.get(`${CUBE_API}/sql`).qs({ query: '{}' }).loginAs(users.rep)
      repSql.assertStatus(403)
      assert.lengthOf(cube.seen, 3)

      // Cube's errors keep their status and body.
      const bad = await client.get(LOAD).qs({ query: '"bad"' }).loginAs(users.rep)
      bad.assertStatus(400)
      assert.deepEqual(bad.body(), { error: 'Cube says no' })
    } finally {
      cube.server.close()
    }
  })

  test('/meta and /load titles come back in the user language, as embedded', async ({
    client,
    assert,
  }) => {
    const cube = await standInCube()
    try {
      setCubeProxy({ url: `${cube.url}/titled`, secret: SECRET })
      const { users } = await analyticsWorld()
      await users.rep.merge({ locale: 'en' }).save()
      const meta = await client.get(`${CUBE_API}/meta`).loginAs(users.rep)
      meta.assertStatus(200)
      const [pipeline] = meta.body().cubes
      assert.equal(pipeline.title, 'Opportunity pipeline')
      assert.deepInclude(pipeline.measures[0], {
        name: 'crm_pipeline.amount_minor',
        shortTitle: 'Amount',
        title: 'Opportunity pipeline Amount',
      })
      assert.equal(pipeline.dimensions[0].shortTitle, 'Stage')

      const query = { measures: ['crm_pipeline.amount_minor'] }
      const load = await client.get(LOAD).qs(multi(query)).loginAs(users.rep)
      load.assertStatus(200)
      const annotation = load.body().results[0].annotation
      assert.equal(annotation.measures['crm_pipeline.amount_minor'].shortTitle, 'Amount')
      assert.equal(annotation.dimensions['crm_pipeline.stage'].title, 'Opportunity pipeline Stage')
      assert.equal(annotation.timeDimensions['crm_pipeline.closed_at.month'].shortTitle, 'Closed')

      // A Spanish user keeps the yml's titles.
      const es = await client.get(`${CUBE_API}/meta`).loginAs(users.rep2)
      assert.equal(es.body().cubes[0].measures[0].shortTitle, 'Importe')
    } finally {
      cube.server.close()
    }
  })
})
