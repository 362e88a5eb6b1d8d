/**
 * Currencies a team target may be set in: only those whose ISO 4217 minor unit is 2, because
 * the target is typed, parsed (money.ts) and stored as hundredths. JPY or CLP (no decimals),
 * KWD (three) and those whose ISO unit differs from everyday use (COP, HUF) are left out rather
 * than stored wrongly. Each has a label under `admin.teams.currencies.<code>`.
 */
export const TEAM_CURRENCIES = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'MXN',
  'ARS',
  'BRL',
  'PEN',
  'UYU',
  'CAD',
  'AUD',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'MAD',
] as const

/** The organization's currency when a team may use it, else the euro. */
export function defaultTeamCurrency(organizationCurrency: string): string {
  return (TEAM_CURRENCIES as readonly string[]).includes(organizationCurrency)
    ? organizationCurrency
    : 'EUR'
}
