import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { AccessContext } from '#app/access/access_context'
test('probe', async ({ assert }) => {
  const access = new AccessContext(1, 1, { isAdmin: true, permissions: new Set(), scopes: new Map() })
  const seen: string[] = []
  const knex = db.connection().getWriteClient()
  knex.on('query', (q: any) => seen.push(q.sql))
  const q = db.from('users').select('id')
  const r = await access.scope(q, 'x')
  console.log('RESULT', r, seen)
  assert.isTrue(true)
})
