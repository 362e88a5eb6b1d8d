import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import User from '#models/user'
import { loginValidator } from '#validators/auth'
import { stampSession } from '#app/access/session_stamp'
import { countFailedLogin, failedLoginWait } from '#start/limiter'

export default class SessionController {
  async show({ inertia }: HttpContext) {
    return inertia.render('auth/login')
  }

  async store(ctx: HttpContext) {
    const { request, auth, session, response, i18n } = ctx
    const { email, password, remember } = await request.validateUsing(loginValidator)
    const wait = await failedLoginWait(ctx)
    if (wait) {
      session.flash('error', i18n.t('auth.errors.throttled', { seconds: wait }))
      session.flashOnly(['email'])
      return response.redirect().back()
    }
    let user: User
    try {
      user = await User.verifyCredentials(email, password)
    } catch {
      await countFailedLogin(ctx)
      session.flash('error', i18n.t('auth.errors.invalid'))
      session.flashOnly(['email'])
      return response.redirect().back()
    }
    if (!user.isActive) {
      // Exactly as a wrong password (message, status, flash, failure count): a different answer
      // would tell whoever tries that the password is right and the account exists.
      await countFailedLogin(ctx)
      session.flash('error', i18n.t('auth.errors.invalid'))
      session.flashOnly(['email'])
      return response.redirect().back()
    }
    await auth.use('web').login(user, !!remember)
    user.lastLoginAt = DateTime.utc()
    await user.save()
    session.regenerate()
    stampSession(ctx, user)
    return response.redirect(safeRedirect(session.pull('intended_url')) ?? '/')
  }

  async destroy({ auth, response }: HttpContext) {
    await auth.use('web').logout()
    return response.redirect('/login')
  }
}

/** Only same-site relative paths may be used after login. */
function safeRedirect(url: unknown): string | null {
  // "/\\evil.com" is read as "//evil.com" by browsers; control characters have no place either.
  return typeof url === 'string' && /^\/(?![\/\\])[^\\\x00-\x1f]*$/.test(url) ? url : null
}
