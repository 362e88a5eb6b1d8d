import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import { defaultViewRow, visibleViews, type SavedViewDto } from './saved_views.js'
import { canonicalState, queryOf, viewUrl } from './state.js'

/** The saved-views props of a list page (resources/js/ui/saved_views.tsx reads them). */
export interface SavedViewsProps {
  views: SavedViewDto[]
  currentViewId: number | null
  defaultViewId: number | null
}

/**
 * Sends the browser to the address of a view, so that the address bar (and a copied link)
 * always holds the view's whole state. Thrown from inside a controller, handled by itself.
 */
class ShowView extends Exception {
  constructor(readonly url: string) {
    super('Showing a saved view', { status: 302 })
  }

  async handle(_error: this, ctx: HttpContext) {
    ctx.response.redirect(this.url)
  }

  /** A redirect, not a failure: nothing to log. */
  report() {}
}

/**
 * A visit from the same list (its "quitar filtros", its pager) keeps the list as asked; only
 * arriving at the bare list from elsewhere (menu, bookmark, typed address) opens the default.
 */
function fromSameList(ctx: HttpContext): boolean {
  const referer = ctx.request.header('referer')
  if (!referer) return false
  try {
    return new URL(referer).pathname === ctx.request.url()
  } catch {
    return false
  }
}

/**
 * The saved views of a list page, for its props: `...(await savedViewsProps(ctx, RESOURCE))`.
 * Call it after authorizing `<resource>.view`. It may redirect instead of returning:
 * - the bare list (no query string) opened from elsewhere, when the user has a default view →
 *   `?view=<id>&<its state>`;
 * - `?view=<id>` alone of a view with a state → `?view=<id>&<its state>`.
 * `?view=<id>` of a view the user may not see (or `?view=all`) is ignored: the list shows what
 * the rest of the query string says, with no current view.
 */
export async function savedViewsProps(
  ctx: HttpContext,
  resource: string
): Promise<SavedViewsProps> {
  const [views, chosenDefault] = await Promise.all([
    visibleViews(ctx.access, resource),
    defaultViewRow(ctx.access, resource),
  ])
  const defaultId = views.some((v) => v.id === chosenDefault) ? chosenDefault : null
  const query = queryOf(ctx.request.url(true))
  const asked = new URLSearchParams(query).get('view')
  const current = asked && /^\d+$/.test(asked) ? views.find((v) => v.id === Number(asked)) : null
  const path = ctx.request.url()
  if (current && current.state && !canonicalState(query))
    throw new ShowView(viewUrl(path, current.id, current.state))
  if (!query && defaultId !== null && !fromSameList(ctx)) {
    const chosen = views.find((v) => v.id === defaultId)!
    throw new ShowView(viewUrl(path, chosen.id, chosen.state))
  }
  return { views, currentViewId: current?.id ?? null, defaultViewId: defaultId }
}
