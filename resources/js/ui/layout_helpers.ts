import { useMediaQuery } from '@mantine/hooks'

/** Layout helpers shared by every list and form (kernel and module pages). */

/** Same breakpoint as the DataTable and the FilterPanel: below it, lists become cards. */
export function usePhone(): boolean {
  return useMediaQuery('(max-width: 48em)') ?? false
}

/** The first server error for a field or any of its items (`roleIds`, `roleIds.0`, …). */
export function fieldError(
  errors: Record<string, string | undefined>,
  field: string
): string | undefined {
  if (errors[field]) return errors[field]
  const key = Object.keys(errors).find((k) => k.startsWith(`${field}.`) && errors[k])
  return key ? errors[key] : undefined
}

/** Props for the Paper around a list: a framed table on wide screens, bare cards on phones. */
export function listFrame(phone: boolean) {
  return phone ? { p: 0, bg: 'transparent', withBorder: false } : { p: 'xs', withBorder: true }
}

/*
 * On phones the kernel DataTable puts each cell inside a paragraph, so cells must render
 * phrasing content only: spans (Box/Badge with component="span") instead of Group/Stack divs.
 */
export const inlineRow = {
  display: 'inline-flex',
  flexWrap: 'wrap',
  gap: 4,
  alignItems: 'center',
} as const
export const inlineLines = { display: 'inline-flex', flexDirection: 'column' } as const

/** Badge styles that never truncate the label inside a tight table cell. */
export const fullBadge = {
  root: { overflow: 'visible', flexShrink: 0 },
  label: { overflow: 'visible' },
} as const
