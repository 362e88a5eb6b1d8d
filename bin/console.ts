/*
| Ace (command line) entrypoint.
*/
// Stored timestamps are UTC and Lucid fills them from the process clock: pin the zone (users
// still see their own time zone in the UI).
process.env.TZ = 'UTC'

import 'reflect-metadata'
import { Ignitor, prettyPrintError } from '@adonisjs/core'
import { rerunForImport } from './import_process.js'

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

if (!rerunForImport(process.argv.slice(2)))
  new Ignitor(APP_ROOT, { importer: IMPORTER })
    .tap((app) => {
      app.booting(async () => {
        await import('#start/env')
      })
      app.listen('SIGTERM', () => app.terminate())
      app.listenIf(app.managedByPm2, 'SIGINT', () => app.terminate())
    })
    .ace()
    .handle(process.argv.splice(2))
    .catch((error) => {
      process.exitCode = 1
      prettyPrintError(error)
    })
