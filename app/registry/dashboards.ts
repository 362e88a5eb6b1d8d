import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ModuleGraphError } from './graph.js'
import type {
  DashboardCubeWidget,
  DashboardDefinition,
  LoadedModule,
  ModuleManifest,
} from './types.js'

/*
 * Boot checks of module-declared dashboards (ModuleManifest.dashboards): their shape always,
 * and, outside production, that every member a widget names is a member of a public view of
 * the module's Cube model or of its dependencies' (cube/schema/<module>/*.yml). A typo in a
 * dashboard then fails the boot (and every test) instead of a blank chart.
 */

const KEY = /^[a-z0-9_]{1,40}$/
const CUBE_KINDS = ['kpi', 'bar', 'line', 'area', 'funnel', 'pie', 'table']
const FORMATS = ['money', 'number', 'percent', 'days']
const PERIODS = ['filter', 'month', 'ytd', 'year', 'past', 'none']

const fail = (where: string, why: string): never => {
  throw new ModuleGraphError(`Invalid dashboard in ${where}: ${why}`, 'E_MODULE_INVALID')
}

/** Every member a Cube widget names (query, filters, drill, team/rep members). */
export function widgetMembers(widget: DashboardCubeWidget): string[] {
  const q = widget.query
  return [
    ...(q.measures ?? []),
    ...(q.dimensions ?? []),
    ...(q.timeDimension ? [q.timeDimension.dimension] : []),
    ...(q.filters ?? []).map((f) => f.member),
    ...Object.keys(q.order ?? {}),
    ...(widget.teamMember ? [widget.teamMember] : []),
    ...(widget.teamDimensions ?? []),
    ...(widget.repMember ? [widget.repMember] : []),
    ...(widget.drill
      ? [
          widget.drill.id,
          widget.drill.title,
          ...(widget.drill.columns ?? []),
          ...(widget.drill.measures ?? []),
          ...(widget.drill.filters ?? []).map((f) => f.member),
        ]
      : []),
  ]
}

/** The shape of one module's dashboards (keys, permissions, widget kinds and formats). */
export function assertDashboardsShape(manifest: ModuleManifest) {
  const dashboards = manifest.dashboards ?? []
  const where = (d?: DashboardDefinition) => `module ${manifest.name}${d ? ` "${d.key}"` : ''}`
  if (!Array.isArray(dashboards)) fail(where(), '"dashboards" must be an array')
  const permissions = new Set([
    ...(manifest.permissions ?? []).map((p) => p.key),
    ...(manifest.resources ?? []).flatMap((r) => r.actions.map((a) => `${r.key}.${a}`)),
  ])
  const keys = new Set<string>()
  for (const d of dashboards) {
    if (!KEY.test(d.key ?? '')) fail(where(), `dashboard key "${d.key}" must be a-z, 0-9 and _`)
    if (keys.has(d.key)) fail(where(d), 'dashboard keys must be unique')
    keys.add(d.key)
    if (typeof d.label !== 'string') fail(where(d), 'needs a label (i18n key)')
    if (!permissions.has(d.permission))
      fail(where(d), `permission "${d.permission}" is not one the module declares`)
    if (!Array.isArray(d.widgets) || !d.widgets.length) fail(where(d), 'needs widgets')
    const widgetKeys = new Set<string>()
    for (const w of d.widgets) {
      const at = `${where(d)} widget "${w.key}"`
      if (!KEY.test(w.key ?? '') || widgetKeys.has(w.key))
        fail(at, 'widget keys must be unique, a-z, 0-9 and _')
      widgetKeys.add(w.key)
      if (typeof w.label !== 'string') fail(at, 'needs a label (i18n key)')
      if (w.kind === 'figures') {
        if (typeof w.provider !== 'function') fail(at, 'provider must be () => import(…)')
        continue
      }
      if (!CUBE_KINDS.includes(w.kind)) fail(at, `unknown kind "${(w as any).kind}"`)
      if (!w.query?.measures?.length) fail(at, 'its query needs at least one measure')
      const formats = typeof w.format === 'object' ? Object.values(w.format) : [w.format]
      for (const f of formats)
        if (f !== undefined && !FORMATS.includes(f)) fail(at, `unknown format "${f}"`)
      if (w.period && !PERIODS.includes(w.period)) fail(at, `unknown period "${w.period}"`)
      if ((w.series === 'yoy' || w.series === 'cumulative') && !w.query.timeDimension)
        fail(at, `series "${w.series}" needs a time dimension`)
      if (w.drill && !w.drill.href?.includes(':id')) fail(at, 'drill.href must contain :id')
    }
  }
}

/** Public view members declared in the YAML files of some Cube schema folders. */
export async function publicViewMembers(appRoot: string, folders: string[]) {
  const { parse } = await import('yaml')
  const members = new Set<string>()
  /** Views including every member of a cube (`includes: "*"`): any member name passes. */
  const open = new Set<string>()
  for (const folder of folders) {
    const dir = join(appRoot, folder)
    const files = await readdir(dir).catch(() => [] as string[])
    for (const file of files.filter((f) => /\.ya?ml$/.test(f))) {
      const model = parse(await readFile(join(dir, file), 'utf8')) ?? {}
      for (const view of model.views ?? []) {
        if (view.public === false) continue
        for (const cube of view.cubes ?? []) {
          if (cube.includes === '*') open.add(view.name)
          for (const inc of Array.isArray(cube.includes) ? cube.includes : [])
            members.add(`${view.name}.${typeof inc === 'string' ? inc : (inc.alias ?? inc.name)}`)
        }
      }
    }
  }
  return { has: (m: string) => members.has(m) || open.has(m.split('.')[0]) }
}

/**
 * Checks every module's dashboards (called by the loader). Members are checked against the
 * public views of the module and its dependencies unless NODE_ENV is production (the YAML
 * parser is a development dependency; production runs what the tests checked).
 */
export async function assertDashboards(loaded: LoadedModule[], appRoot: string) {
  const byName = new Map(loaded.map((l) => [l.manifest.name, l.manifest]))
  for (const { manifest } of loaded) {
    assertDashboardsShape(manifest)
    if (!manifest.dashboards?.length || process.env.NODE_ENV === 'production') continue
    const folders = new Set<string>()
    const visit = (name: string) => {
      const m = byName.get(name)
      if (!m || (m.cubeSchema && folders.has(m.cubeSchema))) return
      if (m.cubeSchema) folders.add(m.cubeSchema)
      m.dependsOn.forEach(visit)
    }
    visit(manifest.name)
    const views = await publicViewMembers(appRoot, [...folders])
    for (const d of manifest.dashboards) {
      const pickers = Object.values(d.pickers ?? {}).flatMap((p) => [p.id, p.name])
      const badPicker = pickers.find((m) => !views.has(m))
      if (badPicker)
        fail(`module ${manifest.name} "${d.key}"`, `picker member "${badPicker}" is unknown`)
      for (const w of d.widgets) {
        if (w.kind === 'figures') continue
        const unknown = widgetMembers(w).find((m) => !views.has(m))
        if (unknown)
          fail(
            `module ${manifest.name} "${d.key}" widget "${w.key}"`,
            `"${unknown}" is not a member of a public view of ${[...folders].join(', ') || 'no Cube model'}`
          )
      }
    }
  }
}
