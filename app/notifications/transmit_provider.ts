import type { ApplicationService } from '@adonisjs/core/types'
import type { HttpContext } from '@adonisjs/core/http'
import { authorizeChannels } from './channels.js'
import { closeStreamsOnRevoke } from './session_streams.js'

/**
 * @adonisjs/transmit's service (its routes are in start/routes.ts, with the package's
 * controllers), made on first use only (the package's provider makes it at
 * shutdown even when unused, and its `services/main` at boot: with TRANSMIT_TRANSPORT=redis
 * either would connect to Redis while `node ace codegen` runs). The channel rules are set when
 * it is made.
 */
export default class TransmitProvider {
  #made: Promise<any> | null = null

  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton('transmit', async () => {
      this.#made ??= this.#make()
      return this.#made
    })
  }

  async #make() {
    const { Transmit } = await import('@boringnode/transmit')
    const config = this.app.config.get<any>('transmit', {})
    const transport = config.transport ? config.transport.driver() : null
    const transmit = new Transmit<HttpContext>(config, transport)
    authorizeChannels(transmit)
    closeStreamsOnRevoke(transmit)
    return transmit
  }

  async shutdown() {
    if (this.#made) await (await this.#made).shutdown()
  }
}

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    transmit: import('@boringnode/transmit').Transmit<HttpContext>
  }
}
