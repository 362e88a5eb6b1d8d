import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { passwordResets } from '#services/password_resets'
import { createUser } from '#tests/helpers/world'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { adminWorld, write } from '../admin/_helpers.js'

/** Asks for a reset link for `user` and returns its token, as read from the mail. */
async function resetLink(user: User): Promise<string> {
  await passwordResets.request(user.email)
  const [mail] = await smtpSink.waitFor(user.email)
  const match = mail.text?.match(/\/password\/reset\/([\w-]+)/)
  if (!match) throw new Error('no reset link')
  return match[1]
}

/** The token still sets a password (and does), or is refused. */
async function tryReset(client: ApiClient, token: string) {
  const response = await client
    .post('/password/reset')
    .form({ token, password: 'nueva-clave-segura', password_confirmation: 'nueva-clave-segura' })
    .withCsrfToken()
    .redirects(0)
  return response.headers().location
}

const profile = (user: User, changes: Record<string, unknown> = {}) => ({
  fullName: user.fullName,
  email: user.email,
  locale: 'es',
  timezone: 'Europe/Madrid',
  roleIds: [],
  reportsToId: null,
  ...changes,
})

test.group('Password-reset links are voided', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => smtpSink.clear())

  test('an edit that changes neither e-mail nor password keeps the link', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const user = await createUser(org, {}, { email: 'sigue@prueba.test', fullName: 'Sigue Igual' })
    const token = await resetLink(user)
    const saved = await write(
      client.put(`/admin/users/${user.id}`),
      admin,
      profile(user, { fullName: 'Sigue Cambiada' })
    )
    saved.assertStatus(302)
    assert.isTrue(await passwordResets.isUsable(token))
    assert.equal(await tryReset(client, token), '/login')
  })

  test('when an administrator changes the e-mail address', async ({ client, assert }) => {
    const { org, admin } = await adminWorld()
    const user = await createUser(
      org,
      {},
      { email: 'antes@prueba.test', fullName: 'Correo Cambiado' }
    )
    const token = await resetLink(user)
    const saved = await write(
      client.put(`/admin/users/${user.id}`),
      admin,
      profile(user, { email: 'despues@prueba.test' })
    )
    saved.assertStatus(302)
    assert.isFalse(await passwordResets.isUsable(token))
    assert.equal(await tryReset(client, token), '/password/forgot')
  })

  test('when an administrator sets a new password', async ({ client, assert }) => {
    const { org, admin } = await adminWorld()
    const user = await createUser(org, {}, { email: 'clave@prueba.test', fullName: 'Clave Nueva' })
    const token = await resetLink(user)
    const saved = await write(
      client.put(`/admin/users/${user.id}`),
      admin,
      profile(user, { password: 'puesta-por-admin-1' })
    )
    saved.assertStatus(302)
    assert.isFalse(await passwordResets.isUsable(token))
    assert.equal(await tryReset(client, token), '/password/forgot')
  })

  test('when the account is deactivated, even after it is reactivated', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const user = await createUser(org, {}, { email: 'baja@prueba.test', fullName: 'De Baja' })
    const token = await resetLink(user)
    const off = await write(client.post(`/admin/users/${user.id}/deactivate`), admin)
    off.assertStatus(302)
    const on = await write(client.post(`/admin/users/${user.id}/activate`), admin)
    on.assertStatus(302)
    assert.isFalse(await passwordResets.isUsable(token))
    assert.equal(await tryReset(client, token), '/password/forgot')
  })
})
