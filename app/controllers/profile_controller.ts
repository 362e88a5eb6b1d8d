import type { HttpContext } from '@adonisjs/core/http'
import hash from '@adonisjs/core/services/hash'
import app from '@adonisjs/core/services/app'
import i18nManager from '@adonisjs/i18n/services/main'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { SESSION_KEY, startSession, userSessions } from '#app/access/user_sessions'
import { flashFieldErrors } from '#app/support/http'
import { passwordResets } from '#services/password_resets'
import { changePasswordValidator, localeValidator, preferencesValidator } from '#validators/auth'
import { LOCALE_COOKIE } from '#middleware/detect_user_locale_middleware'
import { installer } from '#app/registry/services'
import { preferencesOf, savePreferences } from '#app/notifications/preferences'
import { notificationPreferencesValidator } from '#validators/notifications'

export default class ProfileController {
  async show({ inertia, auth, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const enabled = await (await installer()).enabled(user.organizationId)
    return inertia.render('profile/show', {
      notifications: await preferencesOf(user.id, i18n.locale, enabled),
      profile: {
        fullName: user.fullName,
        email: user.email,
        locale: user.locale,
        timezone: user.timezone,
      },
      timezones: Intl.supportedValuesOf('timeZone'),
    })
  }

  async update({ request, auth, session, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const data = await request.validateUsing(preferencesValidator)
    user.merge(data)
    await user.save()
    // Confirm in the language just chosen.
    session.flash('success', i18nManager.locale(data.locale).t('profile.saved'))
    response.cookie(LOCALE_COOKIE, data.locale, {
      maxAge: '1y',
      httpOnly: true,
      sameSite: 'lax',
      secure: app.inProduction,
    })
    return response.redirect().back()
  }

  /** E-mail delivery per notification kind (in-app notifications are always on). */
  async notifications({ request, auth, session, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { preferences } = await request.validateUsing(notificationPreferencesValidator)
    await savePreferences(user.id, preferences)
    session.flash('success', i18n.t('notifications.preferences.saved'))
    return response.redirect().back()
  }

  async password(ctx: HttpContext) {
    const { request, auth, session, response, i18n } = ctx
    // The signed-in user comes from the cache without the password hash: read it anew.
    const user = await User.findOrFail(auth.getUserOrFail().id)
    const { currentPassword, password } = await request.validateUsing(changePasswordValidator)
    if (!(await hash.verify(user.password, currentPassword))) {
      flashFieldErrors(ctx, { currentPassword: i18n.t('profile.wrong_password') })
      return response.redirect().back()
    }
    user.password = password
    // Saving revokes every session (User model); this device gets a fresh one and stays.
    await user.save()
    await db.from('remember_me_tokens').where('tokenable_id', user.id).delete()
    await passwordResets.revoke(user.id)
    await startSession(ctx, user)
    session.flash('success', i18n.t('profile.password_changed'))
    return response.redirect().back()
  }

  /**
   * "Sign out on all devices": every other session ends and every remember-me token goes
   * (this device's too, so it will ask for the password once its browser session ends); the
   * session making the request stays signed in.
   */
  async signOutEverywhere({ auth, session, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    await userSessions.revokeAll(user.id, 'all_devices', { except: session.get(SESSION_KEY) })
    await db.from('remember_me_tokens').where('tokenable_id', user.id).delete()
    response.clearCookie('remember_web')
    session.flash('success', i18n.t('profile.signed_out_everywhere'))
    return response.redirect().back()
  }

  /** Language switch from the user menu or the login page (works signed in or not). */
  async locale({ request, auth, response }: HttpContext) {
    const { locale } = await request.validateUsing(localeValidator)
    await auth.check()
    if (auth.user) {
      auth.user.locale = locale
      await auth.user.save()
    }
    response.cookie(LOCALE_COOKIE, locale, {
      maxAge: '1y',
      httpOnly: true,
      sameSite: 'lax',
      secure: app.inProduction,
    })
    return response.redirect().back()
  }
}
