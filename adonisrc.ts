import { defineConfig } from '@adonisjs/core/app'

export default defineConfig({
  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
    () => import('@adonisjs/session/commands'),
    () => import('@adonisjs/mail/commands'),
    () => import('@adonisjs/queue/commands'),
    () => import('#app/registry/module_commands'),
  ],
  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    {
      file: () => import('@adonisjs/core/providers/repl_provider'),
      environment: ['repl', 'test'],
    },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/core/providers/edge_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    () => import('@adonisjs/static/static_provider'),
    () => import('#app/support/vite_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('@adonisjs/drive/drive_provider'),
    () => import('@adonisjs/mail/mail_provider'),

    () => import('@adonisjs/redis/redis_provider'),
    () => import('@adonisjs/cache/cache_provider'),
    () => import('@adonisjs/i18n/i18n_provider'),
    () => import('@adonisjs/inertia/inertia_provider'),
    () => import('@adonisjs/queue/queue_provider'),
    () => import('#app/notifications/transmit_provider'),
  ],
  preloads: [
    () => import('#start/routes'),
    () => import('#start/kernel'),
    () => import('#start/events'),
    () => import('#start/jobs'),
  ],
  tests: {
    suites: [
      {
        name: 'unit',
        files: ['tests/unit/**/*.spec.{ts,js}', 'modules/*/tests/unit/**/*.spec.{ts,js}'],
        timeout: 10000,
      },
      {
        name: 'functional',
        files: [
          'tests/functional/**/*.spec.{ts,js}',
          'modules/*/tests/functional/**/*.spec.{ts,js}',
        ],
        timeout: 30000,
      },
      {
        name: 'architecture',
        files: ['tests/architecture/**/*.spec.{ts,js}'],
        timeout: 60000,
      },
      {
        name: 'browser',
        files: ['tests/browser/**/*.spec.{ts,js}', 'modules/*/tests/browser/**/*.spec.{ts,js}'],
        timeout: 120000,
      },
    ],
    forceExit: true,
  },
  metaFiles: [
    { pattern: 'resources/views/**/*.edge', reloadServer: false },
    { pattern: 'public/**', reloadServer: false },
    { pattern: 'resources/lang/**/*.{json,yaml,yml}', reloadServer: false },
    // Module translations and the Cube data model are read at run time from the build too.
    { pattern: 'modules/*/lang/**/*.json', reloadServer: false },
    { pattern: 'app/admin/**/lang/*.json', reloadServer: false },
    { pattern: 'cube/schema/**/*.{yml,yaml}', reloadServer: false },
  ],
  hooks: {
    buildStarting: [() => import('@adonisjs/vite/build_hook')],
  },
})
