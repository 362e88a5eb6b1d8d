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

function localize({ config }: MetaCube, i18n: I18n): MetaCube {
  const title = (name: string, fallback: string) =>
    i18n.hasMessage(titleKey(name)) ? i18n.t(titleKey(name)) : fallback
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
