import env from '#start/env'
import { defineConfig, services } from '@adonisjs/drive'
import { dataPath } from '#app/support/paths'

/** Documents and attachments: local disk by default (S3-compatible storage when scaled out). */
const driveConfig = defineConfig({
  default: env.get('DRIVE_DISK', 'fs'),
  services: {
    fs: services.fs({
      location: dataPath('files'),
      serveFiles: false,
      visibility: 'private',
    }),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
