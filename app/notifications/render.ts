import i18nManager from '@adonisjs/i18n/services/main'
import { toIso } from '#app/support/dates'
import { appUrl } from '#app/support/app_url'

/** A notification as the bell, the page and the mails show it. */
export interface NotificationItem {
  id: number
  kind: string
  message: string
  link: string | null
  read: boolean
  createdAt: string
}

export interface NotificationRow {
  id: number
  kind: string
  message_key: string
  message_params: string | null
  subject_key?: string | null
  link: string | null
  read_at?: unknown
  created_at: unknown
}

/**
 * Stored params; a value `{ t: key, fallback }` is a label translated in the reader's language
 * (e.g. a job's name), `fallback` when the key has no message.
 */
function paramsOf(row: NotificationRow, locale: string): Record<string, unknown> {
  let params: Record<string, unknown>
  try {
    params = JSON.parse(row.message_params ?? '{}') ?? {}
  } catch {
    return {}
  }
  const t = i18nManager.locale(locale)
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      if (value && typeof value === 'object' && 't' in value) {
        const { t: key, fallback } = value as { t: string; fallback?: string }
        return [name, t.hasMessage(key) ? t.t(key) : (fallback ?? key)]
      }
      return [name, value]
    })
  )
}

/** The message in `locale` (Spanish when the key lacks that language). */
export function renderMessage(row: NotificationRow, locale: string): string {
  const t = i18nManager.locale(locale)
  return t.t(row.message_key, paramsOf(row, locale) as Record<string, any>)
}

export function renderSubject(row: NotificationRow, locale: string, kindLabel: string): string {
  const t = i18nManager.locale(locale)
  const text = row.subject_key
    ? t.t(row.subject_key, paramsOf(row, locale) as Record<string, any>)
    : t.t(kindLabel)
  return `Cartera: ${text}`
}

export function toItem(row: NotificationRow, locale: string): NotificationItem {
  return {
    id: Number(row.id),
    kind: row.kind,
    message: renderMessage(row, locale),
    link: row.link,
    read: !!row.read_at,
    createdAt: toIso(row.created_at),
  }
}

/** The absolute address a mail links to: opening it marks the notification read. */
export function mailLink(row: { id: number; link: string | null }): string {
  return appUrl(row.link ? `/notifications/${row.id}/open` : '/notifications')
}
