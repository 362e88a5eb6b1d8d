import router from '@adonisjs/core/services/router'
import type { AccessContext } from '#app/access/access_context'
import type { HomeCardLoader } from '#app/registry/types'

const CREATE = [
  {
    permission: 'crm.companies.create',
    route: 'crm.companies.create',
    label: 'crm.actions.new_company',
    icon: 'building-plus',
  },
  {
    permission: 'crm.contacts.create',
    route: 'crm.contacts.create',
    label: 'crm.actions.new_contact',
    icon: 'user-plus',
  },
]

/** "Crear": the records the user may create, one click away. */
const quickCreate: HomeCardLoader<AccessContext> = {
  async load({ access, t }) {
    return {
      links: CREATE.filter((c) => access.can(c.permission)).map((c) => ({
        label: t(c.label),
        href: router.makeUrl(c.route),
        icon: c.icon,
      })),
      empty: { message: t('crm.home.create_empty') },
    }
  },
}

export default quickCreate
