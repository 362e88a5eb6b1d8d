import type { HttpContext } from '@adonisjs/core/http'
import {
  createUserValidator,
  listUsersValidator,
  updateUserValidator,
} from '#app/admin/users/validators'
import { actor } from '#app/admin/http'
import { orBack, translateRule } from '#app/support/http'
import { listUsers } from '#app/admin/users/list_users'
import { roleOptions, userFormOptions, userFormValues } from '#app/admin/users/user_form'
import { createUser } from '#app/admin/users/create_user'
import { updateUser } from '#app/admin/users/update_user'
import { setUserActive } from '#app/admin/users/set_user_active'
import { sendPasswordReset } from '#app/admin/users/send_password_reset'
import { startSession } from '#app/access/user_sessions'

export default class UsersController {
  async index(ctx: HttpContext) {
    // A bad filter in the address bar shows the unfiltered list rather than an error.
    const [, filters] = await listUsersValidator.tryValidate(ctx.request.qs())
    const organizationId = ctx.organization.id
    // The role filter needs the roles only (not every user and time zone the form offers).
    const [page, roles] = await Promise.all([
      listUsers(organizationId, filters ?? {}),
      roleOptions(organizationId),
    ])
    return ctx.inertia.render('admin/users/index', {
      users: page.rows,
      next: page.next,
      prev: page.prev,
      offset: page.offset,
      count: page.count,
      filters: {
        q: filters?.q ?? '',
        status: filters?.status ?? null,
        roleId: filters?.roleId ?? null,
        cursor: filters?.cursor ?? null,
        before: filters?.before ?? null,
      },
      roles: roles.map((r) => ({ value: r.value, label: r.label })),
    })
  }

  async create(ctx: HttpContext) {
    return ctx.inertia.render('admin/users/form', {
      user: null,
      options: await userFormOptions(ctx.organization.id),
    })
  }

  async store(ctx: HttpContext) {
    const data = await ctx.request.validateUsing(createUserValidator, { meta: {} })
    return orBack(ctx, async () => {
      const user = await createUser({ ...actor(ctx), data })
      const mailed = data.passwordMode === 'email' && !user.mailError
      ctx.session.flash(
        'success',
        ctx.i18n.t(mailed ? 'admin.users.created_mailed' : 'admin.users.created', {
          name: user.fullName,
        })
      )
      if (user.mailError)
        ctx.session.flash('error', translateRule(ctx, user.mailError.key, user.mailError.values))
      return ctx.response.redirect().toRoute('admin.users.index')
    })
  }

  async edit(ctx: HttpContext) {
    const id = Number(ctx.params.id)
    const [user, options] = await Promise.all([
      userFormValues(ctx.organization.id, id),
      userFormOptions(ctx.organization.id, id),
    ])
    return ctx.inertia.render('admin/users/form', { user, options })
  }

  async update(ctx: HttpContext) {
    const userId = Number(ctx.params.id)
    await userFormValues(ctx.organization.id, userId) // another organization's user: 404 before validating
    const data = await ctx.request.validateUsing(updateUserValidator, { meta: { userId } })
    return orBack(ctx, async () => {
      const user = await updateUser({ ...actor(ctx), userId, data })
      // A new password ends every session of the user; an administrator who set their own keeps
      // this one, as the profile page does.
      if (data.password && userId === ctx.auth.user!.id) await startSession(ctx, ctx.auth.user!)
      ctx.session.flash('success', ctx.i18n.t('admin.users.updated', { name: user.fullName }))
      return ctx.response.redirect().toRoute('admin.users.index')
    })
  }

  async activate(ctx: HttpContext) {
    return this.#setActive(ctx, true)
  }

  async deactivate(ctx: HttpContext) {
    return this.#setActive(ctx, false)
  }

  async passwordReset(ctx: HttpContext) {
    return orBack(ctx, async () => {
      await sendPasswordReset({
        organizationId: ctx.organization.id,
        userId: Number(ctx.params.id),
      })
      ctx.session.flash('success', ctx.i18n.t('admin.users.reset_sent'))
      return ctx.response.redirect().back()
    })
  }

  async #setActive(ctx: HttpContext, active: boolean) {
    return orBack(ctx, async () => {
      const result = await setUserActive({ ...actor(ctx), userId: Number(ctx.params.id), active })
      ctx.session.flash(
        'success',
        ctx.i18n.t(active ? 'admin.users.activated' : 'admin.users.deactivated', {
          name: result.fullName,
        })
      )
      return ctx.response.redirect().back()
    })
  }
}
