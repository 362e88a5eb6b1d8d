import { randomUUID } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import { signLicence } from '#app/licensing/licence'
import { TIERS, type Tier } from '#app/registry/types'

export default class LicenceIssue extends BaseCommand {
  static commandName = 'licence:issue'
  static description = 'Sign a licence file with a private key (vendor tool)'

  @flags.string({ description: 'Private key (PEM) path', required: true })
  declare key: string

  @flags.string({ description: 'Customer name', required: true })
  declare customer: string

  @flags.string({ description: `Tier: ${TIERS.join(', ')}`, required: true })
  declare tier: string

  @flags.number({ description: 'Seats (maximum active users)', required: true })
  declare seats: number

  @flags.string({ description: 'Expiry date YYYY-MM-DD', required: true })
  declare expires: string

  @flags.string({ description: 'Output file', default: 'cartera.licence' })
  declare out: string

  async run() {
    if (!TIERS.includes(this.tier as Tier)) {
      this.logger.error(`tier must be one of ${TIERS.join(', ')}`)
      this.exitCode = 1
      return
    }
    const signed = signLicence(
      {
        id: randomUUID(),
        customer: this.customer,
        tier: this.tier as Tier,
        seats: this.seats,
        issuedAt: new Date().toISOString().slice(0, 10),
        expiresAt: this.expires,
      },
      await readFile(this.key, 'utf8')
    )
    await writeFile(this.out, JSON.stringify(signed, null, 2) + '\n')
    this.logger.success(`Licence ${signed.licence.id} written to ${this.out}`)
  }
}
