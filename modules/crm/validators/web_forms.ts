import vine from '@vinejs/vine'
import { listValueRule } from '#app/settings/lists'
import { LEAD_SOURCES_LIST } from '../support/leads_lists.js'

/** The lead fields a web form may ask for (title is filled from the form's name when absent). */
export const WEB_FORM_FIELDS = [
  'title',
  'firstName',
  'lastName',
  'companyName',
  'nif',
  'email',
  'phone',
  'website',
  'province',
  'postalCode',
  'country',
  'sector',
  'companySize',
  'productInterest',
  'language',
  'description',
] as const

/** What a form's public URL is signed for (the route's `signed(…)` guard checks it). */
export const WEB_FORM_PURPOSE = 'crm.web_form.submit'

/** The hidden field bots fill in and people never see (the form's honeypot). */
export const HONEYPOT = 'website_url'

export const webFormValidator = vine.withMetaData<{ organizationId: number }>().compile(
  vine.object({
    name: vine.string().trim().minLength(2).maxLength(120),
    defaultSource: vine
      .string()
      .trim()
      .maxLength(40)
      .use(listValueRule({ list: LEAD_SOURCES_LIST }))
      .optional(),
    teamId: vine.number().withoutDecimals().positive().nullable().optional(),
    fields: vine.array(vine.enum(WEB_FORM_FIELDS)).minLength(1).distinct(),
    thankYouText: vine.string().trim().maxLength(2000).optional(),
    redirectUrl: vine.string().trim().maxLength(500).url({ require_protocol: true }).optional(),
    active: vine.boolean().optional(),
  })
)

export type WebFormData = Awaited<ReturnType<typeof webFormValidator.validate>>
