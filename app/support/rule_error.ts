/**
 * A value of an error message that is itself translated (a module's label, a tier name);
 * `fallback` shows when the key has no translation.
 */
export interface I18nValue {
  i18n: string
  fallback: string
}

/**
 * A business rule refused a change (seat limit, lockout, a NIF already in use…). Carries an
 * i18n key and its values so the controller can show it in the user's language; `field` puts
 * it next to a form field instead of in a notification. Shared by the kernel and every module;
 * `orBack` (app/support/http.ts) turns it into the response.
 */
export class RuleError extends Error {
  constructor(
    readonly key: string,
    readonly values: Record<string, unknown> = {},
    readonly field?: string
  ) {
    super(key)
    this.name = 'RuleError'
  }
}

export function isI18nValue(value: unknown): value is I18nValue {
  return !!value && typeof value === 'object' && typeof (value as I18nValue).i18n === 'string'
}
