import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import {
  activeWebForm,
  countSpam,
  formValidator,
  isSpam,
  submitWebForm,
} from '../actions/web_forms/submit_web_form.js'

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A tiny standalone page (the visitor posted a plain HTML form from another site). */
function page(title: string, body: string, lang: string) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">${body}</body></html>`
}

/**
 * POST /p/crm/:organization/forms/:token — a website's form sends a lead. The signed URL (the
 * snippet's action) and the per-IP throttle are checked before this runs; an unknown or
 * inactive form answers 404. A filled honeypot answers exactly like a success and stores
 * nothing. Answers JSON to `fetch` (the snippet's optional script), HTML to a plain form post.
 */
export default class WebFormsPublicController {
  async submit(ctx: HttpContext) {
    const form = await activeWebForm(ctx.organization.id, String(ctx.params.token))
    const json = ctx.request.accepts(['html', 'json']) === 'json'
    const lang = ctx.i18n.locale
    const t = (key: string) => ctx.i18n.t(key)
    if (!form) {
      ctx.response.status(404)
      return json
        ? { message: t('crm.web_forms.public.not_found') }
        : page(
            t('crm.web_forms.public.not_found'),
            `<p>${escape(t('crm.web_forms.public.not_found'))}</p>`,
            lang
          )
    }
    const thanks = form.thankYouText || t('crm.web_forms.public.thanks')
    const done = () => {
      if (json) return ctx.response.status(201).send({ ok: true, message: thanks })
      if (form.redirectUrl) return ctx.response.redirect(form.redirectUrl)
      return ctx.response.status(201).send(page(form.name, `<p>${escape(thanks)}</p>`, lang))
    }
    const body = ctx.request.body()
    if (isSpam(body)) {
      await countSpam(form.id)
      return done()
    }
    try {
      const data = await formValidator(form).validate(body, {
        meta: { organizationId: ctx.organization.id },
      })
      await submitWebForm(ctx.organization.id, form, data)
      return done()
    } catch (error) {
      if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
      const messages = error.messages as { field: string; message: string }[]
      ctx.response.status(422)
      if (json) return { errors: messages }
      const items = messages.map((m) => `<li>${escape(m.message)}</li>`).join('')
      const title = t('crm.web_forms.public.invalid')
      return page(title, `<h1>${escape(title)}</h1><ul role="alert">${items}</ul>`, lang)
    }
  }
}
