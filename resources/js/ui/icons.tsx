import { createElement, useEffect, useState } from 'react'
import {
  IconClockPlay,
  IconCoin,
  IconHistory,
  IconHome,
  IconLicense,
  IconListDetails,
  IconNumbers,
  IconPackages,
  IconPuzzle,
  IconShieldLock,
  IconTrash,
  IconUsers,
  IconUsersGroup,
  createReactComponent,
  type Icon,
  type IconNode,
} from '@tabler/icons-react'

/*
 * Icons are named as on tabler.io/icons, in kebab-case (`building`, `address-book`,
 * `star-filled`): a module names any of them in its manifest (navigation, home cards) and the
 * kernel checks the name at boot (app/registry/icons.ts). The shell's own icons are bundled;
 * any other is drawn from its path data, fetched once from `GET /icons/:name` (a few hundred
 * bytes, cached by the browser) — the whole set (6 000 icons) never enters the bundle.
 */
const loaded = new Map<string, Icon>(
  Object.entries({
    'home': IconHome,
    'users': IconUsers,
    'users-group': IconUsersGroup,
    'shield-lock': IconShieldLock,
    'packages': IconPackages,
    'license': IconLicense,
    'history': IconHistory,
    'coin': IconCoin,
    'numbers': IconNumbers,
    'list-details': IconListDetails,
    'clock-play': IconClockPlay,
    'trash': IconTrash,
    'puzzle': IconPuzzle,
  })
)
const pending = new Map<string, Promise<Icon>>()

/** `address-book` → `IconAddressBook` (the package's file and component name). */
const componentName = (name: string) =>
  'Icon' + name.replace(/(^|-)([a-z0-9])/g, (_m, _dash, c: string) => c.toUpperCase())

function loadIcon(name: string): Promise<Icon> {
  let promise = pending.get(name)
  if (!promise) {
    promise = fetch(`/icons/${encodeURIComponent(name)}`, {
      headers: { Accept: 'application/json' },
    })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then(
        (drawing: { type: 'outline' | 'filled'; node: IconNode }) =>
          createReactComponent(drawing.type, name, componentName(name), drawing.node) as Icon
      )
      .catch(() => IconPuzzle)
      .then((icon) => {
        loaded.set(name, icon)
        return icon
      })
    pending.set(name, promise)
  }
  return promise
}

export function NavIcon({ name, size = 18 }: { name: string | null; size?: number }) {
  const key = name ?? 'puzzle'
  // Bumped when a fetched icon arrives: the component is then read from `loaded`.
  const [, setArrived] = useState(0)
  const icon = loaded.get(key)
  useEffect(() => {
    if (loaded.has(key)) return
    let live = true
    loadIcon(key).then(() => live && setArrived((n) => n + 1))
    return () => {
      live = false
    }
  }, [key])
  // While its drawing loads, an empty box of the icon's size keeps the layout still.
  if (!icon) return <span style={{ display: 'inline-block', width: size, height: size }} />
  return createElement(icon, { size, stroke: 1.6 })
}
