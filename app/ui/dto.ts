/*
 * Type-only: the shell's props, shared by every page (app/ui/shell_props.ts builds them; the
 * pages read them through resources/js/ui/types.ts). Only types, and no imports: pages may
 * import this one kernel file (type-only), and the `dto-only-types` boundary rule keeps it so.
 * Type aliases rather than interfaces: Inertia's shared props must be JSON-shaped, which only
 * an alias (with its implicit index signature) satisfies.
 */

/** How an organization writes a currency (Administración › Monedas). */
export type CurrencyFormat = {
  code: string
  symbol: string
  decimals: number
}

/** The signed-in user as the layout shows them. */
export type ShellUser = {
  id: number
  fullName: string
  email: string
  locale: string
  timezone: string
  isAdmin: boolean
}

/** Which licence state the deployment is in (app/licensing). */
export type LicenceMode = 'licensed' | 'evaluation' | 'grace' | 'restricted'

/** Props the server shares with every page (see app/ui/shell_props.ts and config/inertia.ts). */
export type Shell = {
  user: ShellUser | null
  organization: {
    id: number
    name: string
    /** The default currency's code. */
    currency: string
    /** Every currency of the organization: how pages format amounts (ui/format.ts). */
    currencies: CurrencyFormat[]
  } | null
  /** `section: 'settings'` entries are shown folded under their module's settings entry. */
  navigation: {
    module: string
    label: string
    href: string
    icon: string | null
    section: 'settings' | null
    /** i18n key of the module's label. */
    moduleLabel: string
  }[]
  /** Quick actions the user may take (command palette): same shape as navigation entries. */
  actions: { module: string; label: string; href: string; icon: string | null }[]
  /** Buttons other modules add to record pages of these subject types (`?record=<type>:<id>`). */
  recordActions: {
    label: string
    href: string
    icon: string | null
    subjects: string[]
    /** A built-in quick action this one hides (`mailto`: the kernel's «Enviar correo»). */
    replaces: 'mailto' | null
  }[]
  permissions: string[]
  /** The Papelera is in the menu: the user may delete records of a resource that accepts the bin. */
  bin: boolean
  /** For administrators only: what to warn about. */
  licence: {
    mode: LicenceMode
    problem: string | null
    tier: string
    graceUntil: string | null
    overSeats: { active: number; seats: number } | null
  } | null
}
