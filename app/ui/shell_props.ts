import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'
import { licences, type Entitlement } from '#app/licensing/licence_service'
import { currencies } from '#app/settings/currencies'
import { binResourcesFor } from '#app/bin/visible_entries'
import type { Shell } from '#app/ui/dto'
import type { NavigationEntry } from '#app/registry/registry'
import type { RecordActionItem } from '#app/registry/types'

export type ShellProps = Shell

export function emptyShell(): ShellProps {
  return {
    user: null,
    organization: null,
    navigation: [],
    actions: [],
    recordActions: [],
    permissions: [],
    bin: false,
    licence: null,
  }
}

/**
 * What every page's layout needs: the signed-in user, the organization, the navigation of
 * enabled modules the user may open, and the licence banner.
 */
export async function shellProps(ctx: HttpContext): Promise<ShellProps> {
  const user = ctx.auth?.user
  if (!user || !ctx.access || !ctx.organization) return emptyShell()
  const [registry, enabled, entitlement, money] = await Promise.all([
    moduleRegistry(),
    ctx.enabledModules ?? installer().then((i) => i.enabled(ctx.organization.id)),
    licences.entitlement(),
    // From the shared cache (dropped by every currency change): no query per request.
    currencies(ctx.organization.id),
  ])
  const entries = (list: NavigationEntry[]) =>
    list
      .filter((n) => enabled.has(n.module) && (!n.permission || ctx.access.can(n.permission)))
      .flatMap((n) => {
        // A manifest naming a missing route loses that entry, not the whole shell (a test checks
        // every entry resolves).
        try {
          const href = router.makeUrl(n.route)
          return [
            {
              module: n.module,
              moduleLabel: n.moduleLabel,
              label: n.label,
              href,
              icon: n.icon ?? null,
              section: n.section ?? null,
            },
          ]
        } catch {
          ctx.logger.warn(`navigation of module ${n.module}: route "${n.route}" does not exist`)
          return []
        }
      })
  const navigation = entries(registry.navigation())
  return {
    user: {
      id: user.id,
      fullName: user.fullName,
      email: user.email,
      locale: user.locale,
      timezone: user.timezone,
      isAdmin: ctx.access.isAdmin,
    },
    organization: {
      id: ctx.organization.id,
      name: ctx.organization.name,
      currency: money.find((c) => c.isDefault)?.code ?? ctx.organization.currency,
      currencies: money.map(({ code, symbol, decimals }) => ({ code, symbol, decimals })),
    },
    navigation,
    actions: entries(registry.actions()),
    recordActions: recordActions(registry.recordActions(), entries),
    permissions: ctx.access.isAdmin ? ['*'] : [...ctx.access.grants.permissions],
    bin: binResourcesFor(ctx.access, enabled).length > 0,
    licence: ctx.access.isAdmin ? await licenceNotice(entitlement, ctx.organization) : null,
  }
}

/** The record-page actions the user may take, with the subject types each applies to. */
function recordActions(
  list: (NavigationEntry & Pick<RecordActionItem, 'subjects' | 'replaces'>)[],
  entries: (list: NavigationEntry[]) => { href: string; label: string; icon: string | null }[]
): ShellProps['recordActions'] {
  return list.flatMap((action) =>
    entries([action]).map((e) => ({
      label: e.label,
      href: e.href,
      icon: e.icon,
      subjects: action.subjects,
      replaces: action.replaces ?? null,
    }))
  )
}

/**
 * The banner of an organization's administrators. The host's compares the whole deployment with
 * the licence; any other organization's, only its own users with its own quota (how many users
 * other tenants have is not theirs to know).
 */
async function licenceNotice(
  entitlement: Entitlement,
  organization: { id: number; managesLicence: boolean; seatQuota: number | null }
): Promise<NonNullable<ShellProps['licence']>> {
  const host = organization.managesLicence
  const active = await licences.activeUsers(undefined, host ? undefined : organization.id)
  const limit = host ? entitlement.seats : organization.seatQuota
  return {
    mode: entitlement.mode,
    problem: entitlement.problem?.code ?? null,
    tier: entitlement.tier,
    graceUntil: entitlement.problem?.graceUntil ?? null,
    overSeats: limit !== null && active > limit ? { active, seats: limit } : null,
  }
}
