import type { HttpContext } from '@adonisjs/core/http'
import { actor } from '#app/admin/http'
import { orBack, translateRule } from '#app/support/http'
import { moduleCatalog, defaultModuleDeps } from '#app/admin/modules/module_catalog'
import { installModule, uninstallModule } from '#app/admin/modules/change_module'
import { moduleLabel } from '#app/admin/modules/install_errors'
import { licences } from '#app/licensing/licence_service'

/** The marketplace: every module this deployment offers, installed per organization. */
export default class ModulesController {
  async index(ctx: HttpContext) {
    const [modules, entitlement] = await Promise.all([
      moduleCatalog(ctx.organization.id),
      licences.entitlement(),
    ])
    return ctx.inertia.render('admin/modules/index', {
      modules,
      licensedTier: entitlement.tier,
      mode: entitlement.mode,
    })
  }

  async install(ctx: HttpContext) {
    return orBack(ctx, async () => {
      const { registry } = await defaultModuleDeps()
      const installed = await installModule({ ...actor(ctx), name: String(ctx.params.name) })
      const names = installed.map((m) => moduleLabel(registry, m))
      ctx.session.flash(
        'success',
        installed.length
          ? translateRule(ctx, 'admin.modules.installed', {
              modules: names,
              count: installed.length,
            })
          : ctx.i18n.t('admin.modules.already_installed')
      )
      return ctx.response.redirect().toRoute('admin.modules.index')
    })
  }

  async uninstall(ctx: HttpContext) {
    return orBack(ctx, async () => {
      const { registry } = await defaultModuleDeps()
      const name = String(ctx.params.name)
      await uninstallModule({ ...actor(ctx), name })
      ctx.session.flash(
        'success',
        translateRule(ctx, 'admin.modules.uninstalled', { module: moduleLabel(registry, name) })
      )
      return ctx.response.redirect().toRoute('admin.modules.index')
    })
  }
}
