import { generateKeyPairSync } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { BaseCommand, flags } from '@adonisjs/core/ace'

export default class LicenceKeygen extends BaseCommand {
  static commandName = 'licence:keygen'
  static description =
    'Create an Ed25519 key pair for issuing licences (keep the private key secret)'

  @flags.string({ description: 'Output directory', default: 'licence-keys' })
  declare out: string

  async run() {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const dir = resolve(this.out)
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'private.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
    })
    await writeFile(join(dir, 'public.pem'), publicKey.export({ type: 'spki', format: 'pem' }))
    this.logger.success(`Keys written to ${dir}. Trust the public key with LICENCE_PUBLIC_KEYS.`)
  }
}
