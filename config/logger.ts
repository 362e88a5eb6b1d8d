import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, targets } from '@adonisjs/core/logger'

const pretty = env.get('LOG_FORMAT', app.inProduction ? 'json' : 'pretty') === 'pretty'

const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: env.get('APP_NAME', 'cartera'),
      level: env.get('LOG_LEVEL'),
      // Readable lines in development and under `npm start` (LOG_FORMAT=pretty); JSON lines for
      // log collectors in production (LOG_FORMAT=json, the default there).
      transport: {
        targets: targets()
          .pushIf(pretty, targets.pretty())
          .pushIf(!pretty, targets.file({ destination: 1 }))
          .toArray(),
      },
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
