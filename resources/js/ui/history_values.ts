import { formatPhone } from './phone'

type T = (key: string, values?: Record<string, unknown>) => string

/** How a page shows one changed value of its records' history (field code, stored value). */
export type HistoryValueLabel = (field: string, value: unknown) => string

/**
 * How the history shows a changed value: yes/no for booleans, linked records the reader may not
 * see (or that no longer exist) as a neutral label, phones grouped and the primary phone or
 * e-mail marked in words. `own` (a page's codes: list labels…) answers first; null falls through.
 */
export function historyValueLabel(
  t: T,
  own?: (field: string, value: string) => string | null
): HistoryValueLabel {
  return (field: string, value: unknown): string => {
    if (value && typeof value === 'object' && 'unavailable' in value)
      return t(`ui.history.${String((value as { unavailable: string }).unavailable)}`)
    if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no')
    if (typeof value !== 'string')
      return typeof value === 'object' ? JSON.stringify(value) : String(value)
    const mine = own?.(field, value)
    if (mine !== null && mine !== undefined) return mine
    // Phones are stored in E.164 ("Oficina: +34912345678 *"): shown grouped, as everywhere else.
    const text = field === 'phones' ? value.replace(/\+\d{8,15}/g, (n) => formatPhone(n)) : value
    if ((field === 'phones' || field === 'emails') && text.endsWith(' *'))
      return `${text.slice(0, -2)} (${t('ui.history.primary')})`
    return text
  }
}
