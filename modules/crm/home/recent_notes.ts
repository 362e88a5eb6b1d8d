import type { AccessContext } from '#app/access/access_context'
import type { HomeCardLoader } from '#app/registry/types'
import { plainMentions } from '../support/mentions.js'
import { myRecordsTimeline } from './my_records_timeline.js'

const EXCERPT = 140

/** "Notas recientes en mis registros": the latest notes on the companies and contacts the user owns. */
const recentNotes: HomeCardLoader<AccessContext> = {
  async load({ access, t, limit }) {
    const entries = await myRecordsTimeline(access, { notes: true, limit })
    return {
      items: entries.map((entry) => {
        const body = plainMentions(String(entry.data.body ?? ''))
          .replace(/\s+/g, ' ')
          .trim()
        const text = body.length > EXCERPT ? `${body.slice(0, EXCERPT - 1)}…` : body
        const actor = entry.actorName ?? t('timeline.system')
        return {
          title: entry.recordName,
          detail: `${actor}: ${text}`,
          href: entry.href,
          at: entry.at,
          icon: 'note',
        }
      }),
      empty: { message: t('crm.home.notes_empty') },
    }
  },
}

export default recentNotes
