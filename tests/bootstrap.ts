import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { inertiaApiClient } from '@adonisjs/inertia/plugins/api_client'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { forgetAll } from '#app/support/cache'
import { SessionGuard } from '@adonisjs/auth/session'
import type User from '#models/user'

/**
 * `loginAs(user)` signs the test client in the way a browser is: with a recorded session
 * (user_sessions), which the session check middleware requires.
 */
const asClient = SessionGuard.prototype.authenticateAsClient
SessionGuard.prototype.authenticateAsClient = async function (
  this: SessionGuard<any, any>,
  user: User
) {
  const data = await asClient.call(this, user)
  const { userSessions, SESSION_KEY } = await import('#app/access/user_sessions')
  const key = await userSessions.open(user.id, { userAgent: 'japa' })
  return { session: { ...data.session, [SESSION_KEY]: key } }
}

export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  pluginAdonisJS(app),
  sessionApiClient(app),
  shieldApiClient(),
  authApiClient(app),
  inertiaApiClient(app),
]

/**
 * The test database is migrated once (kernel + every module, in graph order) and rolled back
 * at the end; each functional test runs inside a transaction that is rolled back. The database
 * belongs to this run alone (scripts/test.mjs), so the migrator's advisory lock guards nothing:
 * it is disabled, because on MySQL/MariaDB Lucid may release it from another pooled connection
 * than the one that took it ("Migration completed, but unable to release database lock").
 */
async function migrateTestDatabase() {
  const ace = await app.container.make('ace')
  const run = async (name: string) => {
    const flags = ['--compact-output', '--no-schema-generate', '--disable-locks']
    const command = await ace.exec(name, flags)
    if (command.exitCode) throw command.error ?? new Error(`"${name}" failed`)
  }
  await run('migration:run')
  return () => run('migration:reset')
}

/**
 * Files every suite leaves out: Japa's own defaults, plus CARTERA_TEST_EXCLUDE (comma-separated
 * paths), which a split run of scripts/test.mjs sets to run its slow specs in a process apart.
 */
export const exclude: Config['exclude'] = [
  'node_modules/**',
  '.git/**',
  'coverage/**',
  ...(process.env.CARTERA_TEST_EXCLUDE ?? '').split(',').filter(Boolean),
]

export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [migrateTestDatabase],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  // Rows roll back after each test and their ids come back: cached grants, installed modules
  // and the licence must not outlive the test that cached them.
  suite.onGroup((group) => group.each.setup(() => forgetAll()))
  suite.onTest((t) => t.setup(() => forgetAll()))
  if (['functional', 'browser'].includes(suite.name)) {
    suite.setup(async () => {
      await smtpSink.start()
      return () => smtpSink.stop()
    })
    return suite.setup(() => testUtils.httpServer().start())
  }
}
