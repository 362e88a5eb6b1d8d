import { Transmit } from '@adonisjs/transmit-client'
import { apiJson } from './api'

/** A notification as the server sends it (app/notifications/render.ts). */
export interface NotificationItem {
  id: number
  kind: string
  message: string
  link: string | null
  read: boolean
  createdAt: string
}

export interface NotificationSummary {
  unread: number
  items: NotificationItem[]
  more: boolean
}

/** Shown as "99+" past this (the server counts no further). */
export const UNREAD_CAP = 99

async function call<T>(method: 'GET' | 'POST', url: string): Promise<T> {
  const answer = await apiJson<T>(method, url)
  if (!answer.ok) throw new Error(`${method} ${url}: ${answer.status}`)
  return answer.body
}

export const notificationsApi = {
  summary: () => call<NotificationSummary>('GET', '/notifications/summary'),
  markRead: (id: number) => call<{ unread: number }>('POST', `/notifications/${id}/read`),
  markAllRead: () => call<{ unread: number }>('POST', '/notifications/read-all'),
}

let transmit: Transmit | null = null

/**
 * Listens to the user's channel over server-sent events (one connection per tab, shared by
 * every component); returns the function that stops listening.
 */
export function listenToNotifications(userId: number, onEvent: () => void): () => void {
  if (typeof window === 'undefined' || typeof EventSource === 'undefined') return () => {}
  transmit ??= new Transmit({ baseUrl: window.location.origin, maxReconnectAttempts: 20 })
  const subscription = transmit.subscription(`users/${userId}/notifications`)
  const stop = subscription.onMessage(() => onEvent())
  subscription.create().catch(() => {})
  return () => {
    stop()
  }
}
