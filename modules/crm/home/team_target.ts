import { teamsOfUser } from '#app/access/user_teams'
import type { AccessContext } from '#app/access/access_context'
import type { HomeCardLoader } from '#app/registry/types'

/** An amount in minor units as money in the user's language, without going through a float. */
function money(minor: bigint, currency: string, locale: string): string {
  const sign = minor < 0n ? '-' : ''
  const abs = minor < 0n ? -minor : minor
  const decimal = `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    decimal as unknown as number
  )
}

/**
 * "Objetivo del equipo": the monthly target of the user's teams (member or leader). Achieved
 * sales come with the sales module; until then the card says so and shows the target alone.
 */
const teamTarget: HomeCardLoader<AccessContext> = {
  async load({ access, t, locale }) {
    const teams = await teamsOfUser(access.organizationId, access.userId)
    if (!teams.length) return { empty: { message: t('crm.home.target_no_team') } }
    const targets = teams
      .map((team) =>
        t('crm.home.target_of', {
          team: team.name,
          target: money(BigInt(team.monthlyTargetMinor), team.currency, locale),
        })
      )
      .join(' · ')
    return { empty: { message: `${targets}. ${t('crm.home.target_no_sales')}` } }
  },
}

export default teamTarget
