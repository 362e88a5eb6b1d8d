import factory from '@adonisjs/lucid/factories'
import Role from '#models/role'

let sequence = 0

export const RoleFactory = factory
  .define(Role, () => {
    sequence += 1
    return { name: `Rol ${sequence}`, description: null, isAdmin: false }
  })
  .build()
