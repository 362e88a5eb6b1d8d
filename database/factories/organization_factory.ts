import factory from '@adonisjs/lucid/factories'
import Organization from '#models/organization'

let sequence = 0

export const OrganizationFactory = factory
  .define(Organization, () => {
    sequence += 1
    return {
      name: `Empresa de Prueba ${sequence} S.L.`,
      slug: `prueba-${sequence}-${Date.now().toString(36)}`,
      nif: null,
      defaultLocale: 'es',
      timezone: 'Europe/Madrid',
      currency: 'EUR',
    }
  })
  .build()
