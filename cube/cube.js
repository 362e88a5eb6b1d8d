// Configuration of a stock Cube server (Docker image cubejs/cube, with Cube Store) serving
// cube/schema for large installations (README "Analytics (Cube)", stock-Cube mode). Mount this
// folder as /cube/conf (model in /cube/conf/schema) and set CUBEJS_API_SECRET to the app's
// CUBE_API_SECRET. The app (CUBE_API_URL) passes its users' queries here with a short-lived
// JWT: { organizationId, userId, owners: { '<module>.<resource>': [ids] | null } } (null: every
// owner). Cube verifies the token; queryRewrite adds the same constraints as the embedded
// gateway, through each view's organization_id and owner_id members.
const fs = require('node:fs')
const path = require('node:path')
const yaml = require('js-yaml')

const SCHEMA = path.join(__dirname, 'schema')

/**
 * view name → { resource, leader } of its root cube: the scope resource (or null) and the
 * dimension naming the rows the user leads (meta.scope_leader, or null), from the model files.
 */
function viewScopes(dir = SCHEMA) {
  const files = []
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name)
      if (entry.isDirectory()) walk(p)
      else if (/\.ya?ml$/.test(entry.name)) files.push(yaml.load(fs.readFileSync(p, 'utf8')) ?? {})
    }
  }
  walk(dir)
  const cubes = new Map(files.flatMap((f) => (f.cubes ?? []).map((c) => [c.name, c])))
  const views = new Map()
  for (const file of files)
    for (const view of file.views ?? []) {
      const root = String(view.cubes?.[0]?.join_path ?? '').split('.')[0]
      const meta = cubes.get(root)?.meta
      views.set(view.name, {
        resource: meta?.scope_resource ?? null,
        leader: meta?.scope_leader ?? null,
      })
    }
  return views
}

const VIEWS = viewScopes()

/** The views a query names (members are "<view>.<member>"). */
function viewsOf(query) {
  const names = new Set()
  const add = (member) => member && names.add(String(member).split('.')[0])
  for (const m of [
    ...(query.measures ?? []),
    ...(query.dimensions ?? []),
    ...(query.segments ?? []),
  ])
    add(m)
  for (const td of query.timeDimensions ?? []) add(td.dimension)
  const walk = (filters) => {
    for (const f of filters ?? []) {
      if (f.and) walk(f.and)
      else if (f.or) walk(f.or)
      else add(f.member ?? f.dimension)
    }
  }
  walk(query.filters)
  return [...names]
}

/** Adds the organization and owner filters of every view the query names; refuses the rest. */
function queryRewrite(query, { securityContext }) {
  const context = securityContext ?? {}
  if (!Number.isInteger(context.organizationId)) throw new Error('No organization in the token')
  const filters = [...(query.filters ?? [])]
  for (const view of viewsOf(query)) {
    if (!VIEWS.has(view)) throw new Error(`Unknown view: ${view}`)
    filters.push({
      member: `${view}.organization_id`,
      operator: 'equals',
      values: [String(context.organizationId)],
    })
    const { resource, leader } = VIEWS.get(view)
    if (!resource) continue
    const owners = context.owners?.[resource]
    if (owners === null) continue
    // No grant (undefined) or nobody in scope: no owner id is negative, so no row matches.
    const ids = Array.isArray(owners) && owners.length ? owners.map(String) : ['-1']
    const byOwner = { member: `${view}.owner_id`, operator: 'equals', values: ids }
    // Rows the user leads (team quotas to their leader), with the permission (owners is a list).
    const led =
      leader && Array.isArray(owners) && owners.length && Number.isInteger(context.userId)
        ? { member: `${view}.${leader}`, operator: 'equals', values: [String(context.userId)] }
        : null
    filters.push(led ? { or: [byOwner, led] } : byOwner)
  }
  return { ...query, filters }
}

module.exports = {
  schemaPath: 'schema',
  // One app per organization keeps caches apart; the model is the same for all.
  contextToAppId: ({ securityContext }) => `cartera_${securityContext?.organizationId ?? 'none'}`,
  queryRewrite,
  // For the unit test (not read by Cube).
  _viewScopes: viewScopes,
}
