import edge, { type Edge } from 'edge.js'
import { HttpContext } from '@adonisjs/core/http'
// Its `response.nonce` declaration.
import type {} from '@adonisjs/shield/shield_middleware'

/**
 * `ctx.view` made lazy. The framework builds an Edge renderer for every request as soon as
 * anything touches `ctx.view`, and the session and CSRF middleware both do (to share flash
 * messages and the CSRF helpers with templates); building one also rescans the views for
 * components. Only a full HTML page renders a template (the Inertia root layout): every other
 * request (Inertia visits, redirects, JSON) now skips the renderer. What was shared before the
 * first real use is handed to the renderer when it is built, in the same order.
 */
type EdgeRenderer = ReturnType<Edge['createRenderer']>

export function installLazyView(): void {
  HttpContext.getter(
    'view',
    function (this: HttpContext) {
      return lazyRenderer(this)
    },
    true
  )
}

function lazyRenderer(ctx: HttpContext): EdgeRenderer {
  const shared: Record<string, any>[] = [{ request: ctx.request }]
  let renderer: EdgeRenderer | undefined
  const real = (): EdgeRenderer => {
    if (!renderer) {
      renderer = edge.createRenderer()
      for (const data of shared) renderer.share(data)
      // The response's CSP nonce (app/support/csp.ts), made now: this response renders a page.
      renderer.share({ cspNonce: ctx.response.nonce })
    }
    return renderer
  }
  const proxy: EdgeRenderer = new Proxy({} as EdgeRenderer, {
    get(_target, property) {
      if (property === 'share' && !renderer) {
        return (data: Record<string, any>) => {
          shared.push(data)
          return proxy
        }
      }
      const target = real()
      const value = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
    has(_target, property) {
      return property in real()
    },
  })
  return proxy
}
