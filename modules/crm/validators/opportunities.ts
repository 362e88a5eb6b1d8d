import vine from '@vinejs/vine'
import { PRODUCT_FAMILIES_LIST } from '../quotas/lists.js'
import { listValueRule } from '#app/settings/lists'
import {
  CONTACT_ROLES_LIST,
  LOST_REASONS_LIST,
  OPPORTUNITY_SOURCES_LIST,
} from '../features/pipeline.js'

/*
 * Opportunity writes: explicit allow-lists (organization, creator, status and the converted
 * amounts never come from a form). Amounts arrive as minor units (digits, never a float).
 */

const id = () => vine.number().withoutDecimals().positive()
const date = () => vine.string().regex(/^\d{4}-\d{2}-\d{2}$/)

const contactLinks = () =>
  vine
    .array(
      vine.object({
        contactId: id(),
        role: vine
          .string()
          .trim()
          .maxLength(40)
          .use(listValueRule({ list: CONTACT_ROLES_LIST }))
          .nullable()
          .optional(),
      })
    )
    .maxLength(50)
    .optional()

const competitorLinks = () =>
  vine
    .array(
      vine.object({
        companyId: id(),
        strengths: vine.string().trim().maxLength(500).nullable().optional(),
        weaknesses: vine.string().trim().maxLength(500).nullable().optional(),
      })
    )
    .maxLength(20)
    .optional()

export const opportunityValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(200),
    companyId: id().nullable().optional(),
    contacts: contactLinks(),
    competitors: competitorLinks(),
    amountMinor: vine
      .string()
      .trim()
      .regex(/^\d{1,15}$/)
      .optional(),
    currency: vine.string().trim().toUpperCase().fixedLength(3).optional(),
    ownerId: id().nullable().optional(),
    teamId: id().nullable().optional(),
    stageId: id().optional(),
    probability: vine.number().withoutDecimals().range([0, 100]).optional(),
    expectedCloseOn: date().nullable().optional(),
    priority: vine.number().withoutDecimals().range([0, 3]).optional(),
    source: vine
      .string()
      .trim()
      .use(listValueRule({ list: OPPORTUNITY_SOURCES_LIST }))
      .nullable()
      .optional(),
    productFamily: vine
      .string()
      .trim()
      .use(listValueRule({ list: PRODUCT_FAMILIES_LIST }))
      .nullable()
      .optional(),
    lostReason: vine
      .string()
      .trim()
      .use(listValueRule({ list: LOST_REASONS_LIST }))
      .nullable()
      .optional(),
    description: vine.string().trim().maxLength(5000).nullable().optional(),
  })
)

export const moveValidator = vine.compile(
  vine.object({
    stageId: id(),
    lostReason: vine
      .string()
      .trim()
      .use(listValueRule({ list: LOST_REASONS_LIST }))
      .optional(),
    lostNote: vine.string().trim().maxLength(500).optional(),
  })
)

export const reopenValidator = vine.compile(vine.object({ stageId: id().optional() }))

/** A pipeline stage (CRM › Equipos). */
export const stageValidator = vine.compile(
  vine.object({
    teamId: vine.number().withoutDecimals().positive().nullable().optional(),
    name: vine.string().trim().minLength(1).maxLength(80),
    probability: vine.number().withoutDecimals().range([0, 100]),
    folded: vine.boolean().optional(),
    isWon: vine.boolean().optional(),
    isLost: vine.boolean().optional(),
  })
)
export const stageMoveValidator = vine.compile(
  vine.object({ direction: vine.enum(['up', 'down'] as const) })
)
export const teamQueryValidator = vine.compile(
  vine.object({ team: vine.number().withoutDecimals().positive().optional() })
)

/** The record page's direct edit of an opportunity's contacts or competitors (whole lists). */
export const linksValidator = vine.compile(
  vine.object({ contacts: contactLinks(), competitors: competitorLinks() })
)

/** A process step of a stage (CRM › Equipos). */
export const stepValidator = vine.compile(
  vine.object({
    stageId: id().optional(),
    name: vine.string().trim().minLength(1).maxLength(120),
  })
)
export const tickValidator = vine.compile(vine.object({ done: vine.boolean() }))
