import type { I18n } from '@adonisjs/i18n'
import type { CubeCompilers } from './schema.js'

/*
 * Titles of public views and members in the user's language. The yml carries Spanish titles;
 * each module translates its views and members in `modules/<module>/lang/cube/<locale>.json`,
 * keyed by the member's name (`crm_pipeline.amount_minor`) or the view's (`crm_pipeline`).
 * Cube names are `<module>_…`, so the i18n key is `<module>.<name>`. A missing translation keeps
 * the yml's title.
 */

type MetaCube = { config: any }

/** i18n key of a view or member: "crm_pipeline.stage" → "crm.crm_pipeline.stage". */
export function titleKey(name: string): string {
  return `${name.split('_')[0]}.${name}`
}

const cache = new WeakMap<CubeCompilers, Map<string, MetaCube[]>>()

/**
 * Cube's meta config (what /meta answers and annotations are built from) with titles in the
 * i18n's locale; the compiled model's own config is left untouched. Cached per model and locale.
 */
export function localizedCubes(compilers: CubeCompilers, i18n?: I18n): MetaCube[] {
  const cubes = compilers.metaTransformer.cubes as MetaCube[]
  if (!i18n) return cubes
  let byLocale = cache.get(compilers)
  if (!byLocale) cache.set(compilers, (byLocale = new Map()))
  let localized = byLocale.get(i18n.locale)
  if (!localized) byLocale.set(i18n.locale, (localized = cubes.map((c) => localize(c, i18n))))
  return localized
}

const titleIn = (i18n: I18n) => (name: string, fallback: string) =>
  i18n.hasMessage(titleKey(name)) ? i18n.t(titleKey(name)) : fallback

function localize({ config }: MetaCube, i18n: I18n): MetaCube {
  const title = titleIn(i18n)
  const viewTitle = title(config.name, config.title)
  const member = (m: any) => {
    const shortTitle = title(m.name, m.shortTitle)
    return { ...m, shortTitle, title: `${viewTitle} ${shortTitle}` }
  }
  return {
    config: {
      ...config,
      title: viewTitle,
      measures: config.measures.map(member),
      dimensions: config.dimensions.map(member),
      segments: (config.segments ?? []).map(member),
    },
  }
}

/**
 * Stock-Cube mode: a Cube server's answer with the same titles as the embedded gateway's. A
 * `/meta` answer (`{ cubes }`) gets its views' and members' titles; a `/load` answer (one
 * result or `{ results }`) its annotations' (what the client names series with). Anything
 * else (errors, /sql) comes back as it was.
 */
export function localizeAnswer(endpoint: string, body: any, i18n: I18n): unknown {
  if (!body || typeof body !== 'object') return body
  if (endpoint === 'meta' && Array.isArray(body.cubes))
    return { ...body, cubes: body.cubes.map((c: any) => localize({ config: c }, i18n).config) }
  if (endpoint !== 'load') return body
  if (Array.isArray(body.results))
    return { ...body, results: body.results.map((r: any) => localizeResult(r, i18n)) }
  return localizeResult(body, i18n)
}

const KINDS = ['measures', 'dimensions', 'segments', 'timeDimensions'] as const

function localizeResult(result: any, i18n: I18n) {
  const annotation = result?.annotation
  if (!annotation || typeof annotation !== 'object') return result
  const title = titleIn(i18n)
  const out: Record<string, unknown> = { ...annotation }
  for (const kind of KINDS) {
    if (!annotation[kind] || typeof annotation[kind] !== 'object') continue
    out[kind] = Object.fromEntries(
      Object.entries(annotation[kind] as Record<string, any>).map(([key, m]) => {
        // "view.member" or, for a time dimension, "view.member.granularity".
        const [view, member] = key.split('.')
        const shortTitle = title(`${view}.${member}`, m?.shortTitle)
        const viewTitle = title(view, '')
        const localized = viewTitle ? `${viewTitle} ${shortTitle}` : m?.title
        return [key, { ...m, shortTitle, title: localized }]
      })
    )
  }
  return { ...result, annotation: out }
}
