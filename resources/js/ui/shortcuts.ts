import { useEffect, useMemo, useSyncExternalStore } from 'react'
import { useHotkeys } from '@mantine/hooks'
import { router } from '@inertiajs/react'

/** A keyboard shortcut a page offers, listed in the "?" overlay. */
export interface Shortcut {
  /** Mantine hotkey (`n`, `mod+Enter`, `shift+?`). */
  hotkey: string
  /** Keys as the overlay shows them (`N`, `Ctrl+Intro`). */
  keys: string[]
  /** i18n key of what it does. */
  label: string
  handler: (event: KeyboardEvent) => void
}

/** Shortcuts never fire while the user types in one of these (or in contenteditable text). */
export const TYPING_TAGS = ['INPUT', 'TEXTAREA', 'SELECT']

let registered: Shortcut[][] = []
const subscribers = new Set<() => void>()
const notify = () => subscribers.forEach((fn) => fn())

/** The shortcuts the pages on screen declare right now (for the "?" overlay). */
export function usePageShortcuts(): Shortcut[] {
  const snapshot = useSyncExternalStore(
    (fn) => {
      subscribers.add(fn)
      return () => subscribers.delete(fn)
    },
    () => registered,
    () => registered
  )
  return snapshot.flat()
}

/**
 * Declares a page's shortcuts: bound while the page is shown (never while typing in a field)
 * and listed in the "?" overlay.
 */
export function useShortcuts(shortcuts: Shortcut[]) {
  useHotkeys(
    shortcuts.map((s) => [s.hotkey, s.handler] as [string, (e: KeyboardEvent) => void]),
    TYPING_TAGS
  )
  useEffect(() => {
    if (!shortcuts.length) return
    registered = [...registered, shortcuts]
    notify()
    return () => {
      registered = registered.filter((s) => s !== shortcuts)
      notify()
    }
  }, [shortcuts])
}

/** N opens the "Nueva …" form of a list page (no shortcut when the user may not create). */
export function useNewRecordShortcut(href: string | null | undefined) {
  const shortcuts = useMemo<Shortcut[]>(
    () =>
      href
        ? [
            {
              hotkey: 'n',
              keys: ['N'],
              label: 'common.shortcuts.new',
              handler: () => router.visit(href),
            },
          ]
        : [],
    [href]
  )
  useShortcuts(shortcuts)
}

/* ---------------------------------------------------------------------------------------------
 * J/K between the rows of a list and, on a record opened from a list, between its records.
 * Rows are any elements marked `data-list-row` whose link is their `href`, `data-href` or the
 * first link inside. Opening a row remembers the list's row links (sessionStorage), so a record
 * page knows its previous and next record.
 * ------------------------------------------------------------------------------------------- */

const NAV_KEY = 'cartera.list-nav'

interface ListNav {
  list: string
  hrefs: string[]
}

function rows(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-list-row]')].filter(
    (row) => row.offsetParent !== null || row.getClientRects().length > 0
  )
}

/** The link a row opens. */
export function rowHref(row: HTMLElement): string | null {
  const own = row.getAttribute('href') ?? row.dataset.href
  if (own) return own
  return row.querySelector<HTMLAnchorElement>('a[href]')?.getAttribute('href') ?? null
}

/** Remembers the rows of the list on screen, so the record opened from it can move J/K. */
export function rememberListRows() {
  const hrefs = rows()
    .map(rowHref)
    .filter((href): href is string => !!href)
    .map((href) => new URL(href, location.href).pathname)
  if (!hrefs.length) return
  const nav: ListNav = { list: location.pathname + location.search, hrefs: [...new Set(hrefs)] }
  try {
    sessionStorage.setItem(NAV_KEY, JSON.stringify(nav))
  } catch {
    // Private mode or full storage: J/K on records simply does nothing.
  }
}

function storedNav(): ListNav | null {
  try {
    const nav = JSON.parse(sessionStorage.getItem(NAV_KEY) ?? 'null')
    return nav && Array.isArray(nav.hrefs) ? nav : null
  } catch {
    return null
  }
}

function selectedRow(all: HTMLElement[]): number {
  const active = document.activeElement
  const focused = all.findIndex((row) => row === active || row.contains(active))
  return focused >= 0 ? focused : all.findIndex((row) => row.dataset.selected === 'true')
}

function selectRow(all: HTMLElement[], index: number) {
  all.forEach((row, i) => {
    if (i === index) row.dataset.selected = 'true'
    else delete row.dataset.selected
  })
  const row = all[index]
  if (!row) return
  if (!row.hasAttribute('tabindex') && !(row instanceof HTMLAnchorElement)) row.tabIndex = -1
  row.focus()
  row.scrollIntoView({ block: 'nearest' })
}

/** J (`step` 1) or K (`step` -1): next/previous row, or next/previous record of the list. */
export function moveSelection(step: 1 | -1) {
  const nav = storedNav()
  const here = nav?.hrefs.indexOf(location.pathname) ?? -1
  if (nav && here >= 0) {
    const target = nav.hrefs[here + step]
    if (target) router.visit(target)
    return
  }
  const all = rows()
  if (!all.length) return
  const current = selectedRow(all)
  const next = current < 0 ? (step === 1 ? 0 : all.length - 1) : current + step
  selectRow(all, Math.max(0, Math.min(all.length - 1, next)))
}

/** Enter on a selected row opens it (links and buttons inside keep their own Enter). */
export function openSelectedRow(event: KeyboardEvent) {
  const active = document.activeElement as HTMLElement | null
  if (!active?.hasAttribute('data-list-row') || active instanceof HTMLAnchorElement) return
  const href = rowHref(active)
  if (!href) return
  event.preventDefault()
  rememberListRows()
  router.visit(href)
}

/** Ctrl+Enter (⌘+Enter) in any form submits it, unless the field handled the keys itself. */
export function submitFormOnCtrlEnter(event: KeyboardEvent) {
  if (event.defaultPrevented || event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return
  const form = (event.target as HTMLElement | null)?.closest?.('form')
  if (!form) return
  event.preventDefault()
  form.requestSubmit()
}
