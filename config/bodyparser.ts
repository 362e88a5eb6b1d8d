import { defineConfig } from '@adonisjs/core/bodyparser'

const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    types: ['application/x-www-form-urlencoded'],
  },
  json: {
    convertEmptyStringsToNull: true,
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
  },
  /**
   * Multipart bodies are never parsed for every route (an anonymous client could fill the disk
   * with temporary files before any check): routes that take files parse them after sign-in
   * with the `upload` middleware and their own limit, and their temporary files are deleted when
   * the request ends. `limit` here is only the upper bound.
   */
  multipart: {
    autoProcess: false,
    convertEmptyStringsToNull: true,
    processManually: [],
    limit: '20mb',
    fieldsLimit: '256kb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
