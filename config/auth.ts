import { defineConfig } from '@adonisjs/auth'
import { sessionGuard } from '@adonisjs/auth/session'
import type { InferAuthenticators, InferAuthEvents, Authenticators } from '@adonisjs/auth/types'

const authConfig = defineConfig({
  default: 'web',
  guards: {
    web: sessionGuard({
      useRememberMeTokens: true,
      rememberMeTokensAge: '30 days',
      // The signed-in user from the shared cache (app/access/cached_user_provider.ts), loaded
      // lazily: the cache service is not ready while config files load.
      provider: {
        type: 'provider',
        resolver: async () => {
          const { CachedUserProvider } = await import('#app/access/cached_user_provider')
          return new CachedUserProvider({ model: () => import('#models/user') })
        },
      },
    }),
  },
})

export default authConfig

declare module '@adonisjs/auth/types' {
  export interface Authenticators extends InferAuthenticators<typeof authConfig> {}
}
declare module '@adonisjs/core/types' {
  interface EventsList extends InferAuthEvents<Authenticators> {}
}
