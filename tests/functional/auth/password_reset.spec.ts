import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { createOrganization, createUser } from '#tests/helpers/world'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { drainQueue } from '#tests/helpers/queue'

/** The reset link as it arrives in the mail body. */
function linkFrom(text: string | undefined): string {
  const match = text?.match(/https?:\/\/\S+\/password\/reset\/([\w-]+)/)
  if (!match) throw new Error(`no reset link in: ${text}`)
  return match[1]
}

test.group('Password reset by e-mail', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => smtpSink.clear())

  test('a reset mail is delivered over SMTP, in the user language, and the link sets a new password once', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    const user = await createUser(
      org,
      {},
      { email: 'marta@prueba.test', locale: 'en', password: 'vieja-clave-123' }
    )

    const sent = await client
      .post('/password/forgot')
      .form({ email: 'marta@prueba.test' })
      .withCsrfToken()
      .redirects(0)
    sent.assertStatus(302)
    sent.assertHeader('location', '/login')
    assert.lengthOf(smtpSink.messages, 0, 'the form answers before the mail leaves')
    const job = await db
      .from('kernel_job_runs')
      .where('name', 'kernel.send_password_reset_mail')
      .first()
    assert.equal(job.status, 'queued')
    assert.equal(job.organization_id, org.id)
    assert.notInclude(job.payload, 'token', 'no secret in the queue')

    assert.equal(await drainQueue(), 1)
    const mails = await smtpSink.waitFor('marta@prueba.test')
    const done = await db.from('kernel_job_runs').where('id', job.id).first()
    assert.equal(done.status, 'completed')
    assert.lengthOf(mails, 1)
    assert.equal(mails[0].subject, 'Cartera: password reset')
    const token = linkFrom(mails[0].text)

    const stored = await db.from('password_reset_tokens').where('user_id', user.id).first()
    assert.notEqual(stored.token_hash, token, 'only the hash of the token is stored')

    const page = await client.get(`/password/reset/${token}`).withInertia()
    page.assertInertiaComponent('auth/reset_password')
    page.assertInertiaPropsContains({ valid: true })

    const reset = await client
      .post('/password/reset')
      .form({ token, password: 'nueva-clave-segura', password_confirmation: 'nueva-clave-segura' })
      .withCsrfToken()
      .redirects(0)
    reset.assertHeader('location', '/login')
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, 'nueva-clave-segura'))

    const again = await client
      .post('/password/reset')
      .form({ token, password: 'otra-clave-segura', password_confirmation: 'otra-clave-segura' })
      .withCsrfToken()
      .redirects(0)
    again.assertHeader('location', '/password/forgot')
    await user.refresh()
    assert.isTrue(
      await hash.verify(user.password, 'nueva-clave-segura'),
      'a used link does not work twice'
    )
  })

  test('an unknown address gets the same answer and no mail', async ({ client, assert }) => {
    const response = await client
      .post('/password/forgot')
      .form({ email: 'nadie@prueba.test' })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/login')
    response.assertFlashMessage(
      'success',
      'Si existe una cuenta con ese correo, recibirá un enlace en unos minutos.'
    )
    assert.equal(await drainQueue(), 0, 'nothing queued')
    assert.lengthOf(smtpSink.messages, 0)
  })

  test('an expired token is refused', async ({ client, assert }) => {
    const org = await createOrganization()
    const user = await createUser(org, {}, { email: 'pablo@prueba.test' })
    await client.post('/password/forgot').form({ email: 'pablo@prueba.test' }).withCsrfToken()
    await drainQueue()
    const token = linkFrom((await smtpSink.waitFor('pablo@prueba.test'))[0].text)
    await db
      .from('password_reset_tokens')
      .where('user_id', user.id)
      .update({ expires_at: '2000-01-01 00:00:00' })

    const page = await client.get(`/password/reset/${token}`).withInertia()
    page.assertInertiaPropsContains({ valid: false })
    const reset = await client
      .post('/password/reset')
      .form({ token, password: 'nueva-clave-segura', password_confirmation: 'nueva-clave-segura' })
      .withCsrfToken()
      .redirects(0)
    reset.assertFlashMessage('error', 'El enlace no es válido o ha caducado.')
    await user.refresh()
    assert.isFalse(await hash.verify(user.password, 'nueva-clave-segura'))
  })

  test('a short or unconfirmed new password gets translated validation errors', async ({
    client,
  }) => {
    const response = await client
      .post('/password/reset')
      .form({ token: 'x'.repeat(43), password: 'corta', password_confirmation: 'otra' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      password: ['El campo contraseña debe tener al menos 10 caracteres'],
    })
  })
})
