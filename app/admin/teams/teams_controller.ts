import type { HttpContext } from '@adonisjs/core/http'
import { teamValidator } from '#app/admin/teams/validators'
import { actor } from '#app/admin/http'
import { orBack } from '#app/support/http'
import { listPageValidator } from '#validators/list_page'
import { listTeams } from '#app/admin/teams/list_teams'
import { teamFormValues, teamUserOptions } from '#app/admin/teams/team_form'
import { saveTeam } from '#app/admin/teams/save_team'
import { deleteTeam } from '#app/admin/teams/delete_team'
import { TEAM_CURRENCIES, defaultTeamCurrency } from '#app/admin/teams/currencies'

export default class TeamsController {
  async index(ctx: HttpContext) {
    // A malformed cursor in the address bar shows the first page rather than an error.
    const [, parsed] = await listPageValidator.tryValidate(ctx.request.qs())
    const pages = parsed ?? {}
    const page = await listTeams(ctx.organization.id, pages)
    return ctx.inertia.render('admin/teams/index', {
      teams: page.rows,
      next: page.next,
      prev: page.prev,
      offset: page.offset,
      count: page.count,
      cursor: pages.cursor ?? null,
      before: pages.before ?? null,
    })
  }

  async create(ctx: HttpContext) {
    return ctx.inertia.render('admin/teams/form', {
      team: null,
      users: await teamUserOptions(ctx.organization.id),
      currencies: TEAM_CURRENCIES,
      defaultCurrency: defaultTeamCurrency(ctx.organization.currency),
    })
  }

  async store(ctx: HttpContext) {
    const data = await ctx.request.validateUsing(teamValidator, {
      meta: { organizationId: ctx.organization.id },
    })
    return orBack(ctx, async () => {
      const team = await saveTeam({ ...actor(ctx), data })
      ctx.session.flash('success', ctx.i18n.t('admin.teams.created', { name: team.name }))
      return ctx.response.redirect().toRoute('admin.teams.index')
    })
  }

  async edit(ctx: HttpContext) {
    const [team, users] = await Promise.all([
      teamFormValues(ctx.organization.id, Number(ctx.params.id), ctx.i18n.locale),
      teamUserOptions(ctx.organization.id),
    ])
    return ctx.inertia.render('admin/teams/form', {
      team,
      users,
      currencies: TEAM_CURRENCIES,
      defaultCurrency: defaultTeamCurrency(ctx.organization.currency),
    })
  }

  async update(ctx: HttpContext) {
    const teamId = Number(ctx.params.id)
    await teamFormValues(ctx.organization.id, teamId, ctx.i18n.locale) // another organization's team: 404 first
    const data = await ctx.request.validateUsing(teamValidator, {
      meta: { organizationId: ctx.organization.id, teamId },
    })
    return orBack(ctx, async () => {
      const team = await saveTeam({ ...actor(ctx), teamId, data })
      ctx.session.flash('success', ctx.i18n.t('admin.teams.updated', { name: team.name }))
      return ctx.response.redirect().toRoute('admin.teams.index')
    })
  }

  async destroy(ctx: HttpContext) {
    const team = await deleteTeam({ ...actor(ctx), teamId: Number(ctx.params.id) })
    ctx.session.flash('success', ctx.i18n.t('admin.teams.deleted', { name: team.name }))
    return ctx.response.redirect().toRoute('admin.teams.index')
  }
}
