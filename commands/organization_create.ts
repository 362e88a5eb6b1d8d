import { randomBytes } from 'node:crypto'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import vine from '@vinejs/vine'
import { errors as vineErrors } from '@vinejs/vine'
import { createOrganizationWithAdmin } from '#app/kernel/organizations'
import { LicenceError } from '#app/licensing/licence_service'

const input = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(2).maxLength(200),
    slug: vine
      .string()
      .trim()
      .regex(/^[a-z0-9-]{2,80}$/),
    email: vine.string().trim().toLowerCase().email(),
    adminName: vine.string().trim().minLength(2).maxLength(160),
    password: vine.string().minLength(10).maxLength(200),
    locale: vine.enum(['es', 'en'] as const),
  })
)

/** A clean start without demo data: `node ace organization:create --name="Mi Empresa S.L." --email=yo@empresa.es`. */
export default class OrganizationCreate extends BaseCommand {
  static commandName = 'organization:create'
  static description =
    'Create an organization with its first administrator and install the licensed modules'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Company name', required: true })
  declare name: string

  @flags.string({ description: 'Short identifier (a-z, 0-9, -); default from the name' })
  declare slug?: string

  @flags.string({ description: 'Administrator e-mail', required: true })
  declare email: string

  @flags.string({ description: 'Administrator full name', default: 'Administrador' })
  declare adminName: string

  @flags.string({
    description: 'Administrator password (min. 10 characters); a random one is printed if omitted',
  })
  declare password?: string

  @flags.string({ description: 'Language of the administrator: es or en', default: 'es' })
  declare locale: string

  async run() {
    const password = this.password ?? randomBytes(12).toString('base64url')
    const slug =
      this.slug ??
      this.name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 80)
    try {
      const data = await input.validate({
        name: this.name,
        slug,
        email: this.email,
        adminName: this.adminName,
        password,
        locale: this.locale,
      })
      const { organization, admin, modules } = await createOrganizationWithAdmin({
        name: data.name,
        slug: data.slug,
        admin: {
          email: data.email,
          fullName: data.adminName,
          password: data.password,
          locale: data.locale,
        },
      })
      this.logger.success(
        `Organization "${organization.name}" (${organization.slug}) created; modules: ${modules.join(', ') || 'none'}`
      )
      this.logger.info(
        `Administrator: ${admin.email}${this.password ? '' : ` / password: ${password}`}`
      )
    } catch (error) {
      if (error instanceof vineErrors.E_VALIDATION_ERROR) {
        for (const m of error.messages) this.logger.error(`${m.field}: ${m.message}`)
      } else if (error instanceof LicenceError) {
        this.logger.error(`Licence: ${error.message}`)
      } else if (
        (error as any)?.code?.includes?.('UNIQUE') ||
        /unique|duplicate/i.test(String((error as Error).message))
      ) {
        this.logger.error(
          'An organization with that slug or a user with that e-mail already exists'
        )
      } else {
        throw error
      }
      this.exitCode = 1
    }
  }
}
