import env from '#start/env'
import { defineConfig, services } from '@adonisjs/drive'
import { dataPath } from '#app/support/paths'

/**
 * Documents and attachments: local disk by default; S3-compatible storage (AWS S3, MinIO,
 * Cloudflare R2…) with DRIVE_DISK=s3 when several app instances share the files. Files are
 * never served by the drive itself: downloads go through the documents routes, which check the
 * record's scope and set safe headers.
 */
const disk = env.get('DRIVE_DISK', 'fs')

const driveConfig = defineConfig({
  default: disk,
  services: {
    fs: services.fs({
      location: env.get('DRIVE_FS_LOCATION') || dataPath('files'),
      serveFiles: false,
      visibility: 'private',
    }),
    // Only when chosen: the drive resolves every configured service at boot, and the AWS SDK is
    // installed only where S3 is used (see README, "Documentos").
    ...(disk === 's3' ? { s3: s3Disk() } : {}),
  },
})

function s3Disk() {
  return services.s3({
    credentials: {
      accessKeyId: env.get('S3_ACCESS_KEY_ID', ''),
      secretAccessKey: env.get('S3_SECRET_ACCESS_KEY', ''),
    },
    region: env.get('S3_REGION', 'us-east-1'),
    endpoint: env.get('S3_ENDPOINT') || undefined,
    forcePathStyle: env.get('S3_FORCE_PATH_STYLE', false),
    bucket: env.get('S3_BUCKET', 'cartera'),
    visibility: 'private',
  })
}

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
