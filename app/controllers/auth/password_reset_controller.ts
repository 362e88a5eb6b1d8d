import type { HttpContext } from '@adonisjs/core/http'
import { forgotPasswordValidator, resetPasswordValidator } from '#validators/auth'
import { passwordResets } from '#services/password_resets'

export default class PasswordResetController {
  async forgot({ inertia }: HttpContext) {
    return inertia.render('auth/forgot_password', {})
  }

  /**
   * Same answer, as fast, whether or not the address exists, so accounts cannot be discovered:
   * the mail leaves in the background (retried, failures logged).
   */
  async send({ request, session, response, i18n }: HttpContext) {
    const { email } = await request.validateUsing(forgotPasswordValidator)
    await passwordResets.request(email, { background: true })
    session.flash('success', i18n.t('auth.reset.sent'))
    return response.redirect('/login')
  }

  async edit({ inertia, params }: HttpContext) {
    const valid = await passwordResets.isUsable(params.token)
    return inertia.render('auth/reset_password', { token: params.token, valid })
  }

  async update({ request, session, response, i18n }: HttpContext) {
    const { token, password } = await request.validateUsing(resetPasswordValidator)
    const ok = await passwordResets.reset(token, password)
    if (!ok) {
      session.flash('error', i18n.t('auth.reset.invalid_token'))
      return response.redirect('/password/forgot')
    }
    session.flash('success', i18n.t('auth.reset.done'))
    return response.redirect('/login')
  }
}
