import env from '#start/env'

/**
 * The public origin used in links that leave the app (e-mails). Never taken from the request's
 * Host header, which a client controls: APP_URL, else the address the server listens on.
 */
export function appUrl(path = ''): string {
  const base =
    env.get('APP_URL') || `http://${env.get('HOST') || '127.0.0.1'}:${env.get('PORT') || 3333}`
  return `${base.replace(/\/+$/, '')}${path}`
}
