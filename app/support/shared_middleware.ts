import app from '@adonisjs/core/services/app'

type MiddlewareModule = () => Promise<{ default: new () => unknown }>

/**
 * Middleware classes that keep nothing between the requests they handle (no constructor
 * arguments, no per-request fields) become container singletons: the framework otherwise
 * builds a new instance of every middleware for every request, through the container's
 * dependency lookup. A class must stay stateless to be listed here (start/kernel.ts); a test
 * checks that each listed one takes no constructor arguments.
 */
export async function shareMiddleware(modules: MiddlewareModule[]): Promise<void> {
  for (const load of modules) {
    const { default: Middleware } = await load()
    app.container.singleton(Middleware, () => new Middleware())
  }
}
