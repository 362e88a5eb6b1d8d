import { normalizeName } from '#app/support/normalize'

/** Colours a tag may take: Mantine colour names, so chips draw with the theme's shades. */
export const TAG_COLORS = [
  'gray',
  'red',
  'pink',
  'grape',
  'violet',
  'indigo',
  'blue',
  'cyan',
  'teal',
  'green',
  'lime',
  'yellow',
  'orange',
] as const
export type TagColor = (typeof TAG_COLORS)[number]

export const TAG_NAME_MAX = 50
/** Tags one request may add or remove (a record page, a bulk action). */
export const TAG_CHANGE_MAX = 20

/** A tag as pages and lists show it. */
export interface TagDto {
  id: number
  name: string
  color: TagColor
}

/** The folded key two names share when they are the same tag ("Cliente VIP" = "cliente vip"). */
export function tagKey(name: string): string {
  return normalizeName(name, TAG_NAME_MAX)
}

/** A name as stored: spaces collapsed, cut to the column. */
export function cleanTagName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, TAG_NAME_MAX)
}

/** A new tag's colour, stable for its name so the same word looks alike across organizations. */
export function defaultTagColor(key: string): TagColor {
  let hash = 0
  for (const ch of key) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0
  // Gray is left for tags an administrator mutes on purpose.
  return TAG_COLORS[1 + (hash % (TAG_COLORS.length - 1))]
}

export function isTagColor(value: unknown): value is TagColor {
  return typeof value === 'string' && (TAG_COLORS as readonly string[]).includes(value)
}

export function tagDto(row: Record<string, any>): TagDto {
  return { id: Number(row.id), name: String(row.name), color: row.color as TagColor }
}
