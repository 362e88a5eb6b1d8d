import factory from '@adonisjs/lucid/factories'
import User from '#models/user'

let sequence = 0

/** Users need an organizationId: `UserFactory.merge({ organizationId }).create()`. */
export const UserFactory = factory
  .define(User, () => {
    sequence += 1
    return {
      fullName: `Usuario Prueba ${sequence}`,
      email: `usuario${sequence}.${Date.now().toString(36)}@prueba.test`,
      password: 'secreto-de-prueba',
      isActive: true,
      locale: 'es',
      timezone: 'Europe/Madrid',
      reportsToId: null,
    }
  })
  .build()
