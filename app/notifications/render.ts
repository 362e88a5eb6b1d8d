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

function paramsOf(row: NotificationRow): Record<string, unknown> {
  try {
    return JSON.parse(row.message_params ?? '{}') ?? {}
  } catch {
    return {}
  }
}

/** The message in `locale` (Spanish when the key lacks that language). */
export function renderMessage(row: NotificationRow, locale: string): string {
  const t = i18nManager.locale(locale)
  return t.t(row.message_key, paramsOf(row) as Record<string, any>)
}

export function renderSubject(row: NotificationRow, locale: string, kindLabel: string): string {
  const t = i18nManager.locale(locale)
  const text = row.subject_key
    ? t.t(row.subject_key, paramsOf(row) as Record<string, any>)
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
