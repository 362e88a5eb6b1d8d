/*
| Environment variables are validated here at boot. `.env.example` documents each one;
| everything except APP_KEY has a default so a fresh clone runs on SQLite.
*/
import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number.optional(),
  HOST: Env.schema.string.optional({ format: 'host' }),
  APP_KEY: Env.schema.string(),
  APP_URL: Env.schema.string.optional(),
  LOG_LEVEL: Env.schema.string.optional(),
  /** json (default in production) or pretty (development, and `npm start`). */
  LOG_FORMAT: Env.schema.enum.optional(['json', 'pretty'] as const),
  TZ: Env.schema.string.optional(),

  /** Where SQLite files, uploads, mail previews and the licence live. */
  DATA_DIR: Env.schema.string.optional(),

  /** Database: sqlite (default), mysql (MySQL/MariaDB) or mssql (SQL Server). */
  DB_CONNECTION: Env.schema.enum.optional(['sqlite', 'mysql', 'mssql'] as const),
  SQLITE_PATH: Env.schema.string.optional(),
  DB_HOST: Env.schema.string.optional(),
  DB_PORT: Env.schema.number.optional(),
  DB_USER: Env.schema.string.optional(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_DATABASE: Env.schema.string.optional(),
  DB_MSSQL_ENCRYPT: Env.schema.boolean.optional(),
  DB_MSSQL_TRUST_CERT: Env.schema.boolean.optional(),
  DB_DEBUG: Env.schema.boolean.optional(),

  SESSION_DRIVER: Env.schema.enum.optional(['cookie', 'memory'] as const),
  SESSION_IDLE_TIMEOUT: Env.schema.string.optional(),
  LIMITER_STORE: Env.schema.enum.optional(['database', 'memory'] as const),
  /** Cache: memory (one process, default) or redis (several app instances; see config/cache.ts). */
  CACHE_STORE: Env.schema.enum.optional(['memory', 'redis'] as const),
  REDIS_HOST: Env.schema.string.optional({ format: 'host' }),
  REDIS_PORT: Env.schema.number.optional(),
  REDIS_PASSWORD: Env.schema.string.optional(),
  REDIS_DB: Env.schema.number.optional(),
  REDIS_KEY_PREFIX: Env.schema.string.optional(),
  /** Where documents are stored: fs (local disk, default) or s3 (any S3-compatible storage). */
  DRIVE_DISK: Env.schema.enum.optional(['fs', 's3'] as const),
  /** Folder of the fs disk (default <DATA_DIR>/files). */
  DRIVE_FS_LOCATION: Env.schema.string.optional(),
  S3_BUCKET: Env.schema.string.optional(),
  S3_REGION: Env.schema.string.optional(),
  S3_ENDPOINT: Env.schema.string.optional(),
  S3_ACCESS_KEY_ID: Env.schema.string.optional(),
  S3_SECRET_ACCESS_KEY: Env.schema.string.optional(),
  S3_FORCE_PATH_STYLE: Env.schema.boolean.optional(),
  /** Documents: largest file (e.g. 25mb) and total stored per organization (e.g. 5gb). */
  DOCUMENTS_MAX_FILE_SIZE: Env.schema.string.optional(),
  DOCUMENTS_ORGANIZATION_QUOTA: Env.schema.string.optional(),

  /** Mail: "preview" (default; logs and writes .eml files) or "smtp". */
  MAIL_MAILER: Env.schema.enum.optional(['preview', 'smtp'] as const),
  MAIL_FROM_ADDRESS: Env.schema.string.optional(),
  MAIL_FROM_NAME: Env.schema.string.optional(),
  SMTP_HOST: Env.schema.string.optional(),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),
  SMTP_SECURE: Env.schema.boolean.optional(),

  /** Licence file path and extra trusted Ed25519 public keys (PEM, separated by "|"). */
  LICENCE_FILE: Env.schema.string.optional(),
  LICENCE_PUBLIC_KEYS: Env.schema.string.optional(),

  /** Background jobs: database (default, the app's own connection) or redis (scale-out). */
  QUEUE_DRIVER: Env.schema.enum.optional(['database', 'redis'] as const),
  /** on (default): the web process also runs a worker; off: only `node ace queue:work` does. */
  QUEUE_WORKER: Env.schema.enum.optional(['on', 'off'] as const),
  /** Jobs one worker runs at the same time (default 2). */
  QUEUE_CONCURRENCY: Env.schema.number.optional(),
  /** How long an idle worker waits before looking for work again (default 1s). */
  QUEUE_IDLE_DELAY: Env.schema.string.optional(),
  /** A running job whose worker has not renewed it for this long is run again (default 30s). */
  QUEUE_STALLED_THRESHOLD: Env.schema.string.optional(),
  /** Redis database of the queue (its keys have no prefix, so it gets its own; default 1). */
  QUEUE_REDIS_DB: Env.schema.number.optional(),

  /** Live updates across instances: memory (one instance, default) or redis. */
  TRANSMIT_TRANSPORT: Env.schema.enum.optional(['memory', 'redis'] as const),

  /** Stock-Cube mode: a Cube server's REST API (…/cubejs-api/v1) and its CUBEJS_API_SECRET. */
  CUBE_API_URL: Env.schema.string.optional(),
  CUBE_API_SECRET: Env.schema.string.optional(),
  /** Analytics rollups (pre-aggregations, MySQL/MariaDB only): on (default) or off. */
  ANALYTICS_ROLLUPS: Env.schema.enum.optional(['on', 'off'] as const),

  /** npm packages that provide extra Cartera modules, comma separated. */
  CARTERA_MODULE_PACKAGES: Env.schema.string.optional(),
})
