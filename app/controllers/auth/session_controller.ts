import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import User from '#models/user'
import { loginValidator } from '#validators/auth'
import { flashFieldErrors } from '#app/support/http'
import { endSession, startSession } from '#app/access/user_sessions'
import { renewCsrfSecret } from '#middleware/shield_middleware'
import { isKnownDevice, rememberDevice } from '#app/access/known_device'
import {
  accountLoginWait,
  clearAccountFailures,
  countAccountFailure,
  countFailedLogin,
  failedLoginWait,
  waitMinutes,
} from '#start/limiter'

export default class SessionController {
  async show({ inertia }: HttpContext) {
    return inertia.render('auth/login', {})
  }

  async store(ctx: HttpContext) {
    const { request, auth, session, response, i18n } = ctx
    const { email, password, remember } = await request.validateUsing(loginValidator)
    const account = email.trim().toLowerCase()
    const known = isKnownDevice(ctx, account)
    const wait = Math.max(await failedLoginWait(ctx), known ? 0 : await accountLoginWait(account))
    if (wait) {
      session.flash('error', i18n.t('auth.errors.throttled', { minutes: waitMinutes(wait) }))
      session.flashOnly(['email'])
      return response.redirect().back()
    }
    // A deactivated account answers exactly as a wrong password (message, status, flash,
    // failure count): a different answer would tell whoever tries that the password is right.
    const user = await User.verifyCredentials(email, password).then(
      (found) => (found.isActive ? found : null),
      () => null
    )
    if (!user) {
      await Promise.all([countFailedLogin(ctx), countAccountFailure(account)])
      // Shown once, in the form (not also as a toast: the guest layout toasts only flash.error).
      flashFieldErrors(ctx, { login: i18n.t('auth.errors.invalid') })
      session.flashOnly(['email'])
      return response.redirect().back()
    }
    await clearAccountFailures(account)
    rememberDevice(ctx, account)
    await auth.use('web').login(user, !!remember)
    user.lastLoginAt = DateTime.utc()
    await user.save()
    session.regenerate()
    // A new CSRF secret (and so a new XSRF token) per signed-in user of this browser.
    renewCsrfSecret(ctx)
    await startSession(ctx, user)
    return response.redirect(safeRedirect(session.pull('intended_url')) ?? '/')
  }

  async destroy(ctx: HttpContext) {
    await endSession(ctx, 'logout')
    await ctx.auth.use('web').logout()
    renewCsrfSecret(ctx)
    return ctx.response.redirect('/login')
  }
}

/** Only same-site relative paths may be used after login. */
function safeRedirect(url: unknown): string | null {
  // "/\\evil.com" is read as "//evil.com" by browsers; control characters have no place either.
  // eslint-disable-next-line no-control-regex -- deliberately matches control characters to reject them
  return typeof url === 'string' && /^\/(?![\/\\])[^\\\x00-\x1f]*$/.test(url) ? url : null
}
