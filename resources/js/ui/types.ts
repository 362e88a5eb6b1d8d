/** How an organization writes a currency (Administración › Monedas). */
export interface CurrencyFormat {
  code: string
  symbol: string
  decimals: number
}

/** Props the server shares with every page (see app/ui/shell_props.ts and config/inertia.ts). */
export interface ShellUser {
  id: number
  fullName: string
  email: string
  locale: string
  timezone: string
  isAdmin: boolean
}

export interface Shell {
  user: ShellUser | null
  organization: {
    id: number
    name: string
    /** The default currency's code. */
    currency: string
    currencies: CurrencyFormat[]
  } | null
  navigation: { module: string; label: string; href: string; icon: string | null }[]
  permissions: string[]
  /** The Papelera (recycle bin) is in the menu. */
  bin: boolean
  licence: {
    mode: 'licensed' | 'evaluation' | 'grace' | 'restricted'
    problem: string | null
    tier: string
    graceUntil: string | null
    overSeats: { active: number; seats: number } | null
  } | null
}

export interface SharedProps {
  locale: 'es' | 'en'
  shell: Shell
  flash: { success: string | null; error: string | null }
  errors: Record<string, string>
  [key: string]: unknown
}
