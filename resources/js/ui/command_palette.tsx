import { useEffect, useMemo, useState } from 'react'
import { router } from '@inertiajs/react'
import { ActionIcon, Group, Kbd, Loader, Text, UnstyledButton } from '@mantine/core'
import { useDebouncedValue, useHotkeys } from '@mantine/hooks'
import { createSpotlight, Spotlight, useSpotlight, type SpotlightStore } from '@mantine/spotlight'
import { IconSearch } from '@tabler/icons-react'
import { useT } from './i18n'
import { NavIcon } from './icons'
import type { Shell } from './types'

/** A hit of `GET /search`, grouped by resource. */
interface SearchGroup {
  resource: string
  label: string
  icon: string | null
  results: { id: number | string; title: string; subtitle: string | null; href: string }[]
}

/** A record opened from the palette, kept per user in this browser (most recent first). */
interface Recent {
  href: string
  title: string
  subtitle: string | null
  icon: string | null
}

const MAX_RECENT = 8

/** The palette's own store: the top bar's box opens it, Ctrl+K too. */
const [paletteStore, palette] = createSpotlight()

/**
 * Marks the first entry as selected, so Enter opens it. Spotlight does so when the query
 * changes, but the records arrive later and land above the pages and actions it chose.
 */
function selectFirst(store: SpotlightStore) {
  const { listId } = store.getState()
  const list = listId ? document.getElementById(listId) : null
  if (!list) return
  for (const el of list.querySelectorAll('[data-selected]')) el.removeAttribute('data-selected')
  list.querySelector('[data-action]')?.setAttribute('data-selected', 'true')
  store.updateState((state) => ({ ...state, selected: 0 }))
}
const recentKey = (userId: number) => `cartera.palette.recent.${userId}`

function readRecent(userId: number): Recent[] {
  try {
    const list = JSON.parse(localStorage.getItem(recentKey(userId)) ?? '[]')
    return Array.isArray(list) ? list.slice(0, MAX_RECENT) : []
  } catch {
    return []
  }
}

function remember(userId: number, item: Recent) {
  const list = [item, ...readRecent(userId).filter((r) => r.href !== item.href)]
  localStorage.setItem(recentKey(userId), JSON.stringify(list.slice(0, MAX_RECENT)))
}

/** Lowercase without accents: how pages and actions are matched by their label. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

/** Finds records (every module's search provider), pages and actions: Ctrl+K / ⌘K or "/". */
export function CommandPalette({ shell }: { shell: Shell }) {
  const { t } = useT()
  const [query, setQuery] = useState('')
  const [debounced] = useDebouncedValue(query.trim(), 150)
  // The answer to the last query sent; another query is "loading" until its answer arrives.
  const [answer, setAnswer] = useState<{ q: string; groups: SearchGroup[]; failed: boolean }>({
    q: '',
    groups: [],
    failed: false,
  })
  const userId = shell.user?.id ?? 0
  // Ctrl+K / ⌘K opens it from anywhere, also while a field has the focus (a form, or the input
  // of a palette still closing); "/" only outside fields, where it is not a character typed.
  useHotkeys([['mod+K', () => palette.open()]], [])
  useHotkeys([['/', () => palette.open()]])
  // Read back each time the palette opens — also when the palette is mounted already open
  // (a page change re-renders the shell), where an "on open" callback would not run.
  const { opened } = useSpotlight(paletteStore)
  const recent = useMemo(() => (opened ? readRecent(userId) : []), [opened, userId])

  useEffect(() => {
    if (!debounced) return
    const controller = new AbortController()
    fetch(`/search?q=${encodeURIComponent(debounced)}&limit=5`, {
      headers: { Accept: 'application/json' },
      signal: controller.signal,
    })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((body: { groups: SearchGroup[] }) =>
        setAnswer({ q: debounced, groups: body.groups, failed: false })
      )
      .catch(() => {
        if (!controller.signal.aborted) setAnswer({ q: debounced, groups: [], failed: true })
      })
    return () => controller.abort()
  }, [debounced])
  useEffect(() => selectFirst(paletteStore), [answer])
  const current = debounced !== '' && answer.q === debounced
  // While the next answer is on its way the last one stays (no flicker between keystrokes).
  const groups = query.trim() ? answer.groups : []
  const state: 'idle' | 'loading' | 'error' =
    query.trim() === '' ? 'idle' : !current ? 'loading' : answer.failed ? 'error' : 'idle'

  const pages = useMemo(
    () => [
      { href: '/', label: t('common.home'), icon: 'home' },
      ...shell.navigation.map((n) => ({ href: n.href, label: t(n.label), icon: n.icon })),
      ...(shell.bin ? [{ href: '/bin', label: t('bin.nav'), icon: 'trash' }] : []),
    ],
    [shell, t]
  )
  const actions = useMemo(
    () => shell.actions.map((a) => ({ href: a.href, label: t(a.label), icon: a.icon })),
    [shell, t]
  )
  const q = fold(query.trim())
  const matches = (label: string) => !q || fold(label).includes(q)
  const shownPages = pages.filter((p) => matches(p.label))
  const shownActions = actions.filter((a) => matches(a.label))

  const open = (href: string, record?: Recent) => {
    if (record) remember(userId, record)
    router.visit(href)
  }
  const waiting = state === 'loading' && !groups.length
  const nothing =
    !!q && state === 'idle' && !groups.length && !shownPages.length && !shownActions.length

  return (
    <Spotlight.Root
      store={paletteStore}
      query={query}
      onQueryChange={setQuery}
      shortcut={null}
      // The query is ours (controlled): it starts empty each time, showing the recent records.
      onSpotlightClose={() => setQuery('')}
      scrollable
      maxHeight={480}
      yOffset={64}
      aria-label={t('common.palette.label')}
    >
      <Spotlight.Search
        placeholder={t('common.palette.placeholder')}
        aria-label={t('common.palette.label')}
        leftSection={<IconSearch size={18} stroke={1.6} />}
        rightSection={state === 'loading' ? <Loader size={16} /> : null}
        data-testid="palette-input"
      />
      <Spotlight.ActionsList aria-live="polite">
        {!q && recent.length > 0 && (
          <Spotlight.ActionsGroup label={t('common.palette.recent')}>
            {recent.map((r) => (
              <Spotlight.Action
                key={r.href}
                label={r.title}
                description={r.subtitle ?? undefined}
                leftSection={<NavIcon name={r.icon} />}
                onClick={() => open(r.href, r)}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {groups.map((g) => (
          <Spotlight.ActionsGroup key={g.resource} label={g.label}>
            {g.results.map((r) => {
              const item = { href: r.href, title: r.title, subtitle: r.subtitle, icon: g.icon }
              return (
                <Spotlight.Action
                  key={r.href}
                  label={r.title}
                  description={r.subtitle ?? undefined}
                  leftSection={<NavIcon name={g.icon} />}
                  onClick={() => open(r.href, item)}
                  data-testid="palette-result"
                />
              )
            })}
          </Spotlight.ActionsGroup>
        ))}
        {shownActions.length > 0 && (
          <Spotlight.ActionsGroup label={t('common.palette.actions')}>
            {shownActions.map((a) => (
              <Spotlight.Action
                key={a.href}
                label={a.label}
                leftSection={<NavIcon name={a.icon} />}
                onClick={() => open(a.href)}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {shownPages.length > 0 && (
          <Spotlight.ActionsGroup label={t('common.palette.pages')}>
            {shownPages.map((p) => (
              <Spotlight.Action
                key={p.href}
                label={p.label}
                leftSection={<NavIcon name={p.icon} />}
                onClick={() => open(p.href)}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {waiting && <Spotlight.Empty>{t('common.palette.loading')}</Spotlight.Empty>}
        {state === 'error' && <Spotlight.Empty>{t('common.palette.error')}</Spotlight.Empty>}
        {nothing && (
          <Spotlight.Empty>{t('common.palette.empty', { q: query.trim() })}</Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  )
}

/** The top bar's way in: a search box from the small breakpoint up, an icon button below. */
export function PaletteTrigger() {
  const { t } = useT()
  return (
    <>
      <UnstyledButton
        onClick={palette.open}
        visibleFrom="sm"
        aria-label={t('common.palette.label')}
        aria-keyshortcuts="Control+K Meta+K"
        data-testid="palette-trigger"
        className="cartera-palette-trigger"
      >
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <Group gap={8} wrap="nowrap">
            <IconSearch size={16} stroke={1.6} />
            <Text size="sm" c="dimmed">
              {t('common.palette.open')}
            </Text>
          </Group>
          <Kbd size="xs">{t('common.palette.hint')}</Kbd>
        </Group>
      </UnstyledButton>
      <ActionIcon
        variant="default"
        size="lg"
        hiddenFrom="sm"
        onClick={palette.open}
        aria-label={t('common.palette.label')}
        data-testid="palette-trigger-mobile"
      >
        <IconSearch size={18} stroke={1.6} />
      </ActionIcon>
    </>
  )
}
