import db from '@adonisjs/lucid/services/db'
import vine from '@vinejs/vine'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { recordHistory } from '#app/history/record_history'
import { leadFieldRules } from '../../validators/leads.js'
import { HONEYPOT, WEB_FORM_FIELDS } from '../../validators/web_forms.js'
import { leadColumns, leadSnapshot, loadLead } from '../leads/load_lead.js'
import { LEAD_SUBJECT } from '../leads/lead_scope.js'
import { assignLeads } from '../../assignment/assign_leads.js'
import { indexLeads } from '../../search/leads.js'

export interface PublicWebForm {
  id: number
  name: string
  fields: string[]
  defaultSource: string | null
  teamId: number | null
  thankYouText: string | null
  redirectUrl: string | null
}

/** The active form of the organization with this token, or null (the route answers 404). */
export async function activeWebForm(
  organizationId: number,
  token: string
): Promise<PublicWebForm | null> {
  const r = await db
    .from('crm_web_forms')
    .where({ organization_id: organizationId, token, active: true })
    .first()
  if (!r) return null
  return {
    id: Number(r.id),
    name: r.name,
    fields: JSON.parse(r.fields),
    defaultSource: r.default_source,
    teamId: r.team_id === null ? null : Number(r.team_id),
    thankYouText: r.thank_you_text,
    redirectUrl: r.redirect_url,
  }
}

/**
 * The validator of one form: only the fields it asks for (explicit allow-list from the lead
 * rules), all optional but the title, which defaults to the form's name.
 */
export function formValidator(form: PublicWebForm) {
  const asked = WEB_FORM_FIELDS.filter((f) => form.fields.includes(f) && f !== 'title')
  const rules: Record<string, any> = { title: leadFieldRules.title.optional() }
  for (const f of asked) rules[f] = leadFieldRules[f]
  return vine.withMetaData<{ organizationId: number }>().compile(vine.object(rules))
}

/** A bot filled the hidden field: count it, store nothing. */
export async function countSpam(formId: number) {
  await db.from('crm_web_forms').where('id', formId).increment('spam_caught', 1)
}

export function isSpam(body: Record<string, unknown>) {
  const trap = body[HONEYPOT]
  return typeof trap === 'string' && trap.trim() !== ''
}

/**
 * Stores a web form's lead: source from the form (web by default), its team, no owner — the
 * assignment rules hand it out in the same transaction — and a `created` history entry with no
 * actor (the visitor).
 */
export async function submitWebForm(
  organizationId: number,
  form: PublicWebForm,
  data: Record<string, any>
) {
  return db.transaction(async (trx) => {
    const now = dbTimestamp()
    const id = await insertId(trx, 'crm_leads', {
      ...leadColumns({ ...data, title: data.title || form.name }),
      source: form.defaultSource ?? 'web',
      organization_id: organizationId,
      status: 'new',
      owner_id: null,
      team_id: form.teamId,
      web_form_id: form.id,
      created_at: now,
      updated_at: now,
    })
    await assignLeads(trx, organizationId, [id])
    await trx.from('crm_web_forms').where('id', form.id).increment('submissions', 1)
    await indexLeads(trx, organizationId, [id])
    const lead = (await loadLead(trx, organizationId, id))!
    await recordHistory.created(
      { organizationId, actorId: null, subjectType: LEAD_SUBJECT, subjectId: id },
      leadSnapshot(lead),
      trx
    )
    return id
  })
}
