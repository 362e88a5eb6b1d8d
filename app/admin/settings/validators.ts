import vine from '@vinejs/vine'

/** A currency: ISO 4217 code (upper-cased), the symbol shown, and its decimals (0–4). */
export const currencyValidator = vine.compile(
  vine.object({
    code: vine
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/),
    symbol: vine.string().trim().minLength(1).maxLength(8),
    decimals: vine.number().withoutDecimals().range([0, 4]),
  })
)

/** A manual exchange rate ("1,0825" or "1.0825") to the default, from a date (YYYY-MM-DD). */
export const rateValidator = vine.compile(
  vine.object({
    rate: vine
      .string()
      .trim()
      .regex(/^\d{1,12}([.,]\d{1,10})?$/)
      .transform((value) => value.replace(',', '.')),
    effectiveOn: vine
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/),
  })
)

/** A number series; the key is fixed once created (documents name their series by it). */
export const seriesValidator = vine.compile(
  vine.object({
    key: vine
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z0-9_.]{1,59}$/),
    name: vine.string().trim().minLength(2).maxLength(120),
    prefix: vine
      .string()
      .trim()
      .maxLength(40)
      .regex(/^[\p{L}\p{N} _.\/\-{}]*$/u)
      .optional(),
    padding: vine.number().withoutDecimals().range([1, 12]),
    nextNumber: vine.number().withoutDecimals().range([1, 999_999_999_999]),
    /** Editing: the next number the form showed (the counter changes only if it was edited). */
    shownNext: vine.number().withoutDecimals().range([1, 999_999_999_999]).optional(),
    resetYearly: vine.boolean(),
  })
)

/** A whole list as the Listas screen sends it, in its new order. */
export const listValuesValidator = vine.compile(
  vine.object({
    values: vine
      .array(
        vine.object({
          // Absent for a value added on the screen: the code comes from its Spanish label.
          code: vine
            .string()
            .trim()
            .regex(/^[a-z0-9_]{1,40}$/)
            .optional(),
          labelEs: vine.string().trim().minLength(1).maxLength(120),
          labelEn: vine.string().trim().maxLength(120).optional(),
          active: vine.boolean(),
        })
      )
      .minLength(1)
      .maxLength(200),
  })
)

export type SeriesInput = Awaited<ReturnType<typeof seriesValidator.validate>>
