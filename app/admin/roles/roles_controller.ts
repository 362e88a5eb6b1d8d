import type { HttpContext } from '@adonisjs/core/http'
import { roleValidator } from '#app/admin/roles/validators'
import { actor } from '#app/admin/http'
import { orBack } from '#app/support/http'
import { listPageValidator } from '#validators/list_page'
import { listRoles } from '#app/admin/roles/list_roles'
import { roleFormValues } from '#app/admin/roles/role_form'
import { permissionCatalog } from '#app/admin/roles/permission_catalog'
import { saveRole } from '#app/admin/roles/save_role'
import { deleteRole } from '#app/admin/roles/delete_role'
import { SCOPES } from '#app/registry/types'

export default class RolesController {
  async index(ctx: HttpContext) {
    // A malformed cursor in the address bar shows the first page rather than an error.
    const [, parsed] = await listPageValidator.tryValidate(ctx.request.qs())
    const pages = parsed ?? {}
    const page = await listRoles(ctx.organization.id, pages)
    return ctx.inertia.render('admin/roles/index', {
      roles: page.rows,
      next: page.next,
      prev: page.prev,
      offset: page.offset,
      count: page.count,
      cursor: pages.cursor ?? null,
      before: pages.before ?? null,
    })
  }

  async create(ctx: HttpContext) {
    return ctx.inertia.render('admin/roles/form', {
      role: null,
      catalog: await permissionCatalog(ctx.organization.id),
      scopes: SCOPES,
    })
  }

  async store(ctx: HttpContext) {
    const validator = await roleValidator()
    const data = await ctx.request.validateUsing(validator, {
      meta: { organizationId: ctx.organization.id },
    })
    return orBack(ctx, async () => {
      const role = await saveRole({ ...actor(ctx), data })
      ctx.session.flash('success', ctx.i18n.t('admin.roles.created', { name: role.name }))
      return ctx.response.redirect().toRoute('admin.roles.index')
    })
  }

  async edit(ctx: HttpContext) {
    const [role, catalog] = await Promise.all([
      roleFormValues(ctx.organization.id, Number(ctx.params.id)),
      permissionCatalog(ctx.organization.id),
    ])
    return ctx.inertia.render('admin/roles/form', { role, catalog, scopes: SCOPES })
  }

  async update(ctx: HttpContext) {
    const roleId = Number(ctx.params.id)
    await roleFormValues(ctx.organization.id, roleId) // another organization's role: 404 before validating
    const validator = await roleValidator()
    const data = await ctx.request.validateUsing(validator, {
      meta: { organizationId: ctx.organization.id, roleId },
    })
    return orBack(ctx, async () => {
      const role = await saveRole({ ...actor(ctx), roleId, data })
      ctx.session.flash('success', ctx.i18n.t('admin.roles.updated', { name: role.name }))
      return ctx.response.redirect().toRoute('admin.roles.index')
    })
  }

  async destroy(ctx: HttpContext) {
    return orBack(ctx, async () => {
      const role = await deleteRole({ ...actor(ctx), roleId: Number(ctx.params.id) })
      ctx.session.flash('success', ctx.i18n.t('admin.roles.deleted', { name: role.name }))
      return ctx.response.redirect().toRoute('admin.roles.index')
    })
  }
}
