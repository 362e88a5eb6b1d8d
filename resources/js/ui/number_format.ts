/**
 * Amounts, numbers and dates in the reader's locale, in the browser: the very functions the
 * server uses (app/settings/format.ts, a pure file with no imports that pages may import — the
 * boundary rules allow exactly that file), so the two can never drift apart.
 */
export {
  formatAmount,
  formatDate,
  formatNumber,
  intlLocale,
  isoDecimals,
  minorToDecimal,
  type CurrencyFormat as AmountCurrency,
} from '../../../app/settings/format.js'
