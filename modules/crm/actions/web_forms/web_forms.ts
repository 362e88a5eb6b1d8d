import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp, toIso } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { insertId } from '#app/support/db'
import { signedUrl } from '#app/public/signed_links'
import { WEB_FORM_PURPOSE, type WebFormData } from '../../validators/web_forms.js'
import type { WebFormDto } from '../../dto/leads.js'

export { WEB_FORM_PURPOSE }
/** A snippet pasted into a website lives for years: the token, not the expiry, is the switch. */
const LINK_LIFETIME = '10 years'

function dto(r: Record<string, any>, organization: { slug: string }): WebFormDto {
  return {
    id: Number(r.id),
    name: r.name,
    defaultSource: r.default_source,
    teamId: r.team_id === null ? null : Number(r.team_id),
    fields: JSON.parse(r.fields),
    thankYouText: r.thank_you_text,
    redirectUrl: r.redirect_url,
    active: Boolean(r.active),
    submissions: Number(r.submissions),
    spamCaught: Number(r.spam_caught),
    createdAt: toIso(r.created_at),
    actionUrl: signedUrl(
      'crm.public.web_forms.submit',
      { token: r.token },
      { organization, purpose: WEB_FORM_PURPOSE, expiresIn: LINK_LIFETIME }
    ),
  }
}

/** The organization's forms by name (a handful: no paging). */
export async function listWebForms(organization: { id: number; slug: string }) {
  const rows = await db
    .from('crm_web_forms')
    .where('organization_id', organization.id)
    .orderBy('name')
    .orderBy('id')
    .limit(200)
  return rows.map((r) => dto(r, organization))
}

function columns(data: WebFormData) {
  return {
    name: data.name,
    default_source: data.defaultSource ?? null,
    team_id: data.teamId ?? null,
    fields: JSON.stringify(data.fields),
    thank_you_text: data.thankYouText ?? null,
    redirect_url: data.redirectUrl ?? null,
    active: data.active ?? true,
  }
}

async function checkTeam(organizationId: number, teamId?: number | null) {
  if (!teamId) return
  const team = await db.from('teams').where({ organization_id: organizationId, id: teamId }).first()
  if (!team) throw new RuleError('crm.leads.errors.team', {}, 'teamId')
}

/** A new form with its own random token (256 bits, URL-safe). */
export async function createWebForm(organizationId: number, actorId: number, data: WebFormData) {
  await checkTeam(organizationId, data.teamId)
  const now = dbTimestamp()
  return insertId(db.connection(), 'crm_web_forms', {
    ...columns(data),
    organization_id: organizationId,
    token: randomBytes(32).toString('base64url'),
    created_by: actorId,
    created_at: now,
    updated_at: now,
  })
}

export async function updateWebForm(organizationId: number, id: number, data: WebFormData) {
  await checkTeam(organizationId, data.teamId)
  const changed = await db
    .from('crm_web_forms')
    .where({ organization_id: organizationId, id })
    .update({ ...columns(data), updated_at: dbTimestamp() })
  return Number(Array.isArray(changed) ? changed[0] : changed) > 0
}
