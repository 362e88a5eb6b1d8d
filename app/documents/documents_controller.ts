import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import { RuleError } from '#app/support/rule_error'
import { translateRule } from '#app/support/http'
import { documentResource, mayUseDocuments, type DocumentResource } from './record_access.js'
import { findDocument, listDocuments } from './documents.js'
import { uploadDocument } from './upload.js'
import { trashDocument } from './bin.js'
import { sendDocument } from './download.js'

/** Out of scope, another organization's, unknown resource, disabled module: all look missing. */
function notFound(): never {
  throw new Exception('Not found', { status: 404, code: 'E_ROW_NOT_FOUND' })
}

const wantsJson = (ctx: HttpContext) => ctx.request.accepts(['html', 'json']) === 'json'

/**
 * A record's documents, for every resource whose manifest accepts them. Viewing needs
 * `<resource>.view` and the record in view scope; uploading and deleting need `<resource>.edit`
 * (403 without it) and the record in edit scope. Anything the user may not see answers 404.
 */
export default class DocumentsController {
  /** Resolves `:resource/:record` for `action`, checking permission and the record's scope. */
  async #record(ctx: HttpContext, action: 'view' | 'edit') {
    const resource = (await documentResource(String(ctx.params.resource))) ?? notFound()
    const recordId = Number(ctx.params.record)
    await this.#check(ctx, resource, recordId, action)
    return { resource, recordId }
  }

  async #check(
    ctx: HttpContext,
    resource: DocumentResource,
    recordId: number,
    action: 'view' | 'edit'
  ) {
    if (!(await mayUseDocuments(ctx.access, resource, recordId, 'view'))) notFound()
    if (action === 'edit') {
      ctx.access.authorize(`${resource.key}.edit`)
      if (!(await mayUseDocuments(ctx.access, resource, recordId, 'edit'))) notFound()
    }
  }

  /** A document of the organization whose record the user may `action`. */
  async #document(ctx: HttpContext, action: 'view' | 'edit') {
    const doc = (await findDocument(ctx.organization.id, Number(ctx.params.id))) ?? notFound()
    const resource = (await documentResource(doc.resource)) ?? notFound()
    await this.#check(ctx, resource, doc.recordId, action)
    return { doc, resource }
  }

  async index(ctx: HttpContext) {
    const { resource, recordId } = await this.#record(ctx, 'view')
    return { documents: await listDocuments(ctx.organization.id, resource.key, recordId) }
  }

  /** One file per request (the page sends several in parallel, each with its progress bar). */
  async store(ctx: HttpContext) {
    const { resource, recordId } = await this.#record(ctx, 'edit')
    const file = ctx.request.file('file')
    try {
      if (!file?.tmpPath) throw new RuleError('documents.errors.no_file', {}, 'file')
      const document = await uploadDocument({
        organizationId: ctx.organization.id,
        actorId: ctx.auth.getUserOrFail().id,
        resource,
        recordId,
        file: { tmpPath: file.tmpPath, clientName: file.clientName },
      })
      document.uploadedByName = ctx.auth.getUserOrFail().fullName
      if (wantsJson(ctx)) return ctx.response.status(201).send({ document })
      ctx.session.flash('success', ctx.i18n.t('documents.uploaded', { name: document.name }))
      return ctx.response.redirect().back()
    } catch (error) {
      if (!(error instanceof RuleError)) throw error
      const message = translateRule(ctx, error.key, error.values)
      if (wantsJson(ctx))
        return ctx.response.status(422).send({ errors: [{ field: 'file', message }] })
      ctx.session.flash('error', message)
      return ctx.response.redirect().back()
    }
  }

  async download(ctx: HttpContext) {
    const { doc } = await this.#document(ctx, 'view')
    return sendDocument(ctx, doc)
  }

  /** Moves the document to the recycle bin. */
  async destroy(ctx: HttpContext) {
    const { doc, resource } = await this.#document(ctx, 'edit')
    await trashDocument({
      organizationId: ctx.organization.id,
      actorId: ctx.auth.getUserOrFail().id,
      subjectType: resource.subjectType,
      documentId: doc.id,
    })
    if (wantsJson(ctx)) return { deleted: doc.id }
    ctx.session.flash('success', ctx.i18n.t('documents.deleted', { name: doc.name }))
    return ctx.response.redirect().back()
  }
}
