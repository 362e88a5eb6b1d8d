import type { I18n } from '@adonisjs/i18n'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'

/**
 * Translated validation messages. Looks a message up in the module's namespace first
 * (`<module>.validator.messages.<field>.<rule>`, `<module>.validator.messages.<rule>`), then in
 * the kernel's (`validator.shared.…`); field labels likewise (`…validator.fields.<field>`).
 */
export class ValidationMessages implements MessagesProviderContact {
  #prefixes: string[]

  constructor(
    private i18n: I18n,
    module?: string
  ) {
    this.#prefixes = module ? [`${module}.validator`, 'validator.shared'] : ['validator.shared']
  }

  #lookup(keys: string[]): string | null {
    for (const key of keys) {
      const found = this.i18n.resolveIdentifier(key)
      if (found) return found.message
    }
    return null
  }

  #field(name: string): string {
    const label = this.#lookup(this.#prefixes.map((p) => `${p}.fields.${name}`))
    return label ? this.i18n.formatRawMessage(label) : name
  }

  getMessage(
    defaultMessage: string,
    rule: string,
    field: FieldContext,
    meta?: Record<string, any>
  ): string {
    const values: Record<string, any> = { ...meta, field: this.#field(field.name as string) }
    if (meta?.otherField) values.otherField = this.#field(meta.otherField)
    const message = this.#lookup([
      ...this.#prefixes.map((p) => `${p}.messages.${field.wildCardPath}.${rule}`),
      ...this.#prefixes.map((p) => `${p}.messages.${rule}`),
    ])
    if (message) return this.i18n.formatRawMessage(message, values)
    return defaultMessage.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k) => String(values[k] ?? ''))
  }
}
