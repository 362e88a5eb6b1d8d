import vine from '@vinejs/vine'

/**
 * The keyset cursors of an admin list: `cursor` (next page) and `before` (previous page). Only
 * the length is checked here; a cursor that does not decode reads as the first page.
 */
export const pageFields = {
  cursor: vine.string().maxLength(1000).optional(),
  before: vine.string().maxLength(1000).optional(),
}

/** Query string of a list with no filters but its pages (roles, teams). */
export const listPageValidator = vine.compile(vine.object(pageFields))

export type ListPage = Awaited<ReturnType<typeof listPageValidator.validate>>
