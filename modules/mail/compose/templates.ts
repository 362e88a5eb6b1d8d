import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { notFound } from '#app/support/http'
import { RuleError } from '#app/support/rule_error'
import { isUniqueViolation } from '../pipeline/intake.js'
import type { MailTemplateDto } from '../dto/compose.js'

/** The organization's mail templates, by name. */
export async function listTemplates(organizationId: number): Promise<MailTemplateDto[]> {
  const rows = await db
    .from('mail_templates')
    .where('organization_id', organizationId)
    .orderBy('name')
    .limit(500)
    .select('id', 'name', 'subject', 'body')
  return rows.map((r) => ({ id: Number(r.id), name: r.name, subject: r.subject, body: r.body }))
}

/** Creates or updates a template; a name already used in the organization is refused. */
export async function saveTemplate(params: {
  organizationId: number
  userId: number
  templateId?: number
  data: { name: string; subject: string; body: string }
}) {
  const { organizationId, templateId, data } = params
  const now = dbTimestamp()
  const taken = await db
    .from('mail_templates')
    .where({ organization_id: organizationId, name: data.name })
    .if(templateId, (q) => q.whereNot('id', templateId!))
    .select('id')
    .first()
  if (taken) throw new RuleError('mail.compose.errors.template_name_taken', {}, 'name')
  try {
    if (templateId) {
      const updated = await db
        .from('mail_templates')
        .where({ organization_id: organizationId, id: templateId })
        .update({ ...data, updated_at: now })
      if (!Number(Array.isArray(updated) ? updated[0] : updated)) notFound()
      return templateId
    }
    return await insertId(db.connection(), 'mail_templates', {
      organization_id: organizationId,
      ...data,
      created_by: params.userId,
      created_at: now,
      updated_at: now,
    })
  } catch (error) {
    if (isUniqueViolation(error))
      throw new RuleError('mail.compose.errors.template_name_taken', {}, 'name')
    throw error
  }
}

export async function deleteTemplate(organizationId: number, templateId: number) {
  const deleted = await db
    .from('mail_templates')
    .where({ organization_id: organizationId, id: templateId })
    .delete()
  if (!Number(Array.isArray(deleted) ? deleted[0] : deleted)) notFound()
}
