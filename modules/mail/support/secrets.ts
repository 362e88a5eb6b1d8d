import encryption from '@adonisjs/core/services/encryption'

/** A mailbox password sealed with the app key (APP_KEY); null stays null. */
export function sealSecret(secret: string | null | undefined): string | null {
  return secret ? encryption.encrypt(secret) : null
}

/** The password back, or null when none was stored or the app key changed. */
export function openSecret(sealed: string | null | undefined): string | null {
  if (!sealed) return null
  return encryption.decrypt<string>(sealed) ?? null
}
