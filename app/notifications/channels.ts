import type { HttpContext } from '@adonisjs/core/http'
import type { Transmit } from '@boringnode/transmit'

/**
 * Who may listen where: a user's notification channel is hers alone (the subscription is
 * refused for anyone else, whatever stream id she presents).
 */
export function authorizeChannels(transmit: Pick<Transmit<HttpContext>, 'authorize'>) {
  transmit.authorize<{ id: string }>('users/:id/notifications', (ctx, { id }) => {
    return !!ctx.auth?.user && String(ctx.auth.user.id) === id
  })
}
