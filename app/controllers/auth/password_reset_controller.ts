import type { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import { forgotPasswordValidator, resetPasswordValidator } from '#validators/auth'
import { passwordResets } from '#services/password_resets'

export default class PasswordResetController {
  async forgot({ inertia }: HttpContext) {
    return inertia.render('auth/forgot_password')
  }

  /** Same answer whether or not the address exists, so accounts cannot be discovered. */
  async send({ request, session, response, i18n }: HttpContext) {
    const { email } = await request.validateUsing(forgotPasswordValidator)
    try {
      await passwordResets.request(email)
    } catch (error) {
      logger.error({ err: error }, 'password reset mail failed')
      session.flash('error', i18n.t('auth.reset.mail_failed'))
      return response.redirect().back()
    }
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
