import type { HttpContext } from '@adonisjs/core/http'
import { absenceValidator } from './absences_validator.js'
import {
  addAbsence,
  assertOrganizationUser,
  dateText,
  listAbsences,
  removeAbsence,
} from './absences.js'

/*
 * "Ausencias" (JSON, read and written by resources/js/ui/absences_panel.tsx): a user's own
 * periods from the profile, and any user's of the organization from Administración › Usuarios
 * (those routes sit behind the administrator middleware).
 */
export default class AbsencesController {
  async mine(ctx: HttpContext) {
    return this.#list(ctx, ctx.auth.getUserOrFail().id)
  }

  async storeMine(ctx: HttpContext) {
    return this.#store(ctx, ctx.auth.getUserOrFail().id)
  }

  async destroyMine(ctx: HttpContext) {
    return this.#destroy(ctx, ctx.auth.getUserOrFail().id, Number(ctx.params.id))
  }

  async index(ctx: HttpContext) {
    return this.#list(ctx, Number(ctx.params.id))
  }

  async store(ctx: HttpContext) {
    return this.#store(ctx, Number(ctx.params.id))
  }

  async destroy(ctx: HttpContext) {
    return this.#destroy(ctx, Number(ctx.params.id), Number(ctx.params.absence))
  }

  async #list(ctx: HttpContext, userId: number) {
    await assertOrganizationUser(ctx.organization.id, userId)
    return { absences: await listAbsences(ctx.organization.id, userId) }
  }

  async #store(ctx: HttpContext, userId: number) {
    const data = await ctx.request.validateUsing(absenceValidator)
    const id = await addAbsence({
      organizationId: ctx.organization.id,
      userId,
      actorId: ctx.auth.getUserOrFail().id,
      startsOn: dateText(data.startsOn),
      endsOn: dateText(data.endsOn),
      reason: data.reason ?? null,
    })
    ctx.response.status(201)
    return { id, absences: await listAbsences(ctx.organization.id, userId) }
  }

  async #destroy(ctx: HttpContext, userId: number, absenceId: number) {
    await removeAbsence({ organizationId: ctx.organization.id, userId, absenceId })
    return { absences: await listAbsences(ctx.organization.id, userId) }
  }
}
