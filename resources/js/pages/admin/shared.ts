import { useMediaQuery } from '@mantine/hooks'

/** Helpers shared by the administration pages (no server code, no page of its own). */

/** `base` with the non-empty params as its query string. */
export function withQuery(
  base: string,
  params: Record<string, string | number | boolean | null | undefined>
): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '' && value !== false)
      query.set(key, String(value))
  }
  const text = query.toString()
  return text ? `${base}?${text}` : base
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

export type Option = { value: string; label: string }

/** Same breakpoint as the UI kit's DataTable: below it, lists become cards. */
export function usePhone(): boolean {
  return useMediaQuery('(max-width: 48em)') ?? false
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
