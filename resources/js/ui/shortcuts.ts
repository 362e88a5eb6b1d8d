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
 * page knows its previous and next record. With them it keeps the list's paging (`ListPaging`,
 * drawn by the list as `data-list-nav`): J on the last remembered record fetches the next
 * page's rows (the list URL with its cursor, as an Inertia partial reload of only the rows and
 * cursors) and goes on; K on the first, the previous page's.
 * ------------------------------------------------------------------------------------------- */

const NAV_KEY = 'cartera.list-nav'

/** What a record page needs to fetch the list's neighbouring pages. */
export interface ListPaging {
  /** The list page's component and assets version (the partial reload's headers). */
  component: string
  version: string | null
  /** The page prop holding the rows. */
  rowsProp: string
  /** A row's link is `rowPrefix` + its `id`. */
  rowPrefix: string
  /** Cursors of the next and previous pages (null: none). */
  next: string | null
  prev: string | null
}

interface ListNav {
  list: string
  hrefs: string[]
  paging?: ListPaging | null
}

/** The paging a list draws for `rememberListRows` (null when its rows cannot be fetched). */
export function listPaging<Row extends object>(
  page: { component: string; version?: string | null; props: Record<string, unknown> },
  listRows: Row[],
  rowId: (row: Row) => number,
  linkOf: (row: Row) => string,
  cursors: { next: string | null; prev: string | null }
): string | undefined {
  const first = listRows[0] as (Row & { id?: unknown }) | undefined
  const rowsProp = Object.keys(page.props).find((key) => page.props[key] === listRows)
  if (!first || !rowsProp || first.id !== rowId(first)) return undefined
  const href = new URL(linkOf(first), location.href).pathname
  const id = String(rowId(first))
  if (!href.endsWith(`/${id}`)) return undefined
  const paging: ListPaging = {
    component: page.component,
    version: page.version ?? null,
    rowsProp,
    rowPrefix: href.slice(0, -id.length),
    ...cursors,
  }
  return JSON.stringify(paging)
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
  const drawn = document.querySelector<HTMLElement>('[data-list-nav]')?.dataset.listNav
  let paging: ListPaging | null = null
  try {
    paging = drawn ? JSON.parse(drawn) : null
  } catch {}
  const list = location.pathname + location.search
  storeNav({ list, hrefs: [...new Set(hrefs)], paging })
}

function storeNav(nav: ListNav) {
  try {
    sessionStorage.setItem(NAV_KEY, JSON.stringify(nav))
  } catch {
    // Private mode or full storage: J/K on records simply does nothing.
  }
}

/**
 * The next (`step` 1) or previous page of the remembered list: the remembered rows extended
 * with its rows, and its cursor. Null when there is none or it cannot be read.
 */
async function fetchNeighbour(nav: ListNav, step: 1 | -1): Promise<ListNav | null> {
  const paging = nav.paging
  const cursor = step === 1 ? paging?.next : paging?.prev
  if (!paging || !cursor) return null
  const url = new URL(nav.list, location.href)
  for (const key of ['cursor', 'before', 'count']) url.searchParams.delete(key)
  url.searchParams.set(step === 1 ? 'cursor' : 'before', cursor)
  let props: Record<string, any>
  try {
    const response = await fetch(url, {
      credentials: 'same-origin',
      headers: {
        'accept': 'text/html, application/xhtml+xml',
        'x-requested-with': 'XMLHttpRequest',
        'x-inertia': 'true',
        ...(paging.version ? { 'x-inertia-version': paging.version } : {}),
        'x-inertia-partial-component': paging.component,
        'x-inertia-partial-data': [paging.rowsProp, 'next', 'prev'].join(','),
      },
    })
    if (!response.ok) return null
    props = (await response.json())?.props ?? {}
  } catch {
    return null
  }
  const fetched: unknown[] = Array.isArray(props[paging.rowsProp]) ? props[paging.rowsProp] : []
  const hrefs = fetched
    .map((row: any) => (row?.id === undefined ? null : `${paging.rowPrefix}${row.id}`))
    .filter((href): href is string => !!href && !nav.hrefs.includes(href))
  if (!hrefs.length) return null
  return step === 1
    ? { ...nav, hrefs: [...nav.hrefs, ...hrefs], paging: { ...paging, next: props.next ?? null } }
    : { ...nav, hrefs: [...hrefs, ...nav.hrefs], paging: { ...paging, prev: props.prev ?? null } }
}

let fetching = false

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
    else if (!fetching) {
      // Past the remembered page: the list's next (previous) page, then its first (last) row.
      fetching = true
      void fetchNeighbour(nav, step)
        .then((more) => {
          if (!more) return
          storeNav(more)
          const at = more.hrefs.indexOf(location.pathname)
          const after = at >= 0 ? more.hrefs[at + step] : undefined
          if (after) router.visit(after)
        })
        .finally(() => (fetching = false))
    }
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
