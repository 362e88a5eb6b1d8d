import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import { parse } from 'yaml'
import env from '#start/env'
import { APP_ROOT } from '#app/registry/main'
import type { AccessContext } from '#app/access/access_context'
import { schemaFiles } from './schema.js'

/*
 * Stock-Cube mode: with CUBE_API_URL (a Cube server's REST API, ".../cubejs-api/v1") and
 * CUBE_API_SECRET (its CUBEJS_API_SECRET) set, /analytics/cubejs-api/v1/* is passed through to
 * that server with a short-lived JWT carrying the user's security context. The server's
 * cube/cube.js checks it and adds the same organization and owner filters (queryRewrite).
 */

export interface CubeProxyConfig {
  url: string
  secret: string
}

let override: CubeProxyConfig | null | undefined

/** The stock Cube server to proxy to, or null (embedded mode). */
export function cubeProxy(): CubeProxyConfig | null {
  if (override !== undefined) return override
  const url = env.get('CUBE_API_URL')
  const secret = env.get('CUBE_API_SECRET')
  return url && secret ? { url: url.replace(/\/+$/, ''), secret } : null
}

/** Tests point the proxy at a stand-in server (null: embedded; undefined: back to the env). */
export function setCubeProxy(config: CubeProxyConfig | null | undefined): void {
  override = config
}

/** The security context in the token: who asks and the owners they may see per resource. */
export interface CubeSecurityContext {
  organizationId: number
  userId: number
  /** Per scope resource: null = every owner, [] = none, else the owner ids. */
  owners: Record<string, number[] | null>
}

export async function securityContext(access: AccessContext): Promise<CubeSecurityContext> {
  const owners: Record<string, number[] | null> = {}
  for (const resource of await scopeResources()) {
    const constraint = await access.constraint(resource, 'view')
    owners[resource] =
      constraint.kind === 'all' ? null : constraint.kind === 'owners' ? constraint.ownerIds : []
  }
  return { organizationId: access.organizationId, userId: access.userId, owners }
}

/** An HS256 JWT (what Cube's default checkAuth verifies with CUBEJS_API_SECRET). */
export function signToken(payload: object, secret: string, ttlSeconds = 300): string {
  const now = Math.floor(Date.now() / 1000)
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ ...payload, iat: now, exp: now + ttlSeconds })}`
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`
}

/**
 * Passes one request through: same endpoint (load, meta, sql), query string and JSON body;
 * answers with the server's status and JSON (or text).
 */
export async function proxyToCube(
  config: CubeProxyConfig,
  access: AccessContext,
  request: { endpoint: string; method: string; query: string; body?: unknown }
): Promise<{ status: number; body: unknown }> {
  const token = signToken(await securityContext(access), config.secret)
  const url = `${config.url}/${request.endpoint}${request.query ? `?${request.query}` : ''}`
  const hasBody = request.method !== 'GET' && request.body !== undefined
  const response = await fetch(url, {
    method: request.method,
    headers: {
      Authorization: token,
      Accept: 'application/json',
      ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
    },
    body: hasBody ? JSON.stringify(request.body) : undefined,
    signal: AbortSignal.timeout(60_000),
  })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {}
  return { status: response.status, body }
}

let resources: Promise<string[]> | undefined

/** Every `meta.scope_resource` the model's cubes name (read from cube/schema, no compiling). */
function scopeResources(): Promise<string[]> {
  resources ??= schemaFiles(join(APP_ROOT, 'cube', 'schema')).then((files) => {
    const names = new Set<string>()
    for (const file of files)
      for (const cube of parse(file.content)?.cubes ?? [])
        if (cube?.meta?.scope_resource) names.add(cube.meta.scope_resource)
    return [...names].sort()
  })
  return resources
}
