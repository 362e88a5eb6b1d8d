import router from '@adonisjs/core/services/router'
import type { AccessContext } from '#app/access/access_context'
import type { HomeCardLoader } from '#app/registry/types'
import { changeItem, myRecordsTimeline } from './my_records_timeline.js'

/** "Cambiados recientemente": what happened lately on the companies and contacts the user owns. */
const recentChanges: HomeCardLoader<AccessContext> = {
  async load({ access, t, limit }) {
    const entries = await myRecordsTimeline(access, { notes: false, limit })
    return {
      items: entries.map((entry) => changeItem(entry, t)),
      empty: {
        message: t('crm.home.changes_empty'),
        action: access.can('crm.companies.view')
          ? { label: t('crm.home.changes_action'), href: router.makeUrl('crm.companies.index') }
          : undefined,
      },
    }
  },
}

export default recentChanges
