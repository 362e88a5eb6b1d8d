import { test } from '@japa/runner'
import * as server from '#app/settings/format'
import * as client from '../../../resources/js/ui/number_format.js'
import { convertMinor } from '#app/settings/exchange_rates'
import { formatSeriesNumber, previewNext } from '#app/settings/number_series'

const NBSP = '\u00a0'

test.group('Settings · formatting', () => {
  test('amounts follow the locale: es 1.234,56 €, en €1,234.56', ({ assert }) => {
    const eur = { code: 'EUR', symbol: '€', decimals: 2 }
    assert.equal(server.formatAmount('123456', eur, 'es'), `1.234,56${NBSP}€`)
    assert.equal(server.formatAmount('123456', eur, 'en'), '€1,234.56')
    assert.equal(server.formatAmount(-5, eur, 'es'), `-0,05${NBSP}€`)
    // Beyond float precision: exact.
    assert.equal(
      server.formatAmount('1234567890123456789', eur, 'en'),
      '€12,345,678,901,234,567.89'
    )
  })

  test("amounts follow the currency's decimals and the organization's symbol", ({ assert }) => {
    assert.equal(server.formatAmount('1234', { code: 'JPY', decimals: 0 }, 'es'), `1.234${NBSP}¥`)
    assert.equal(
      server.formatAmount('1234567', { code: 'KWD', decimals: 3 }, 'en'),
      `KWD${NBSP}1,234.567`
    )
    assert.equal(
      server.formatAmount('1234567', { code: 'KWD', symbol: 'KD', decimals: 3 }, 'es'),
      `1.234,567${NBSP}KD`
    )
    assert.equal(
      server.formatAmount('250', { code: 'USD', symbol: 'US$', decimals: 2 }, 'en'),
      'US$2.50'
    )
    // Decimals default to ISO 4217's.
    assert.equal(server.formatAmount('100', { code: 'JPY' }, 'en'), '¥100')
  })

  test('numbers and dates follow the locale', ({ assert }) => {
    assert.equal(server.formatNumber(1234.5, 'es', 1), '1.234,5')
    assert.equal(server.formatNumber(1234.5, 'en', 1), '1,234.5')
    assert.equal(server.formatDate('2026-03-07T10:00:00Z', 'es', 'Europe/Madrid'), '07/03/2026')
    assert.equal(server.formatDate('2026-03-07T10:00:00Z', 'en', 'Europe/Madrid'), '07/03/2026')
  })

  test("the browser formats with the server's very functions (one implementation)", ({
    assert,
  }) => {
    for (const name of [
      'formatAmount',
      'formatNumber',
      'formatDate',
      'minorToDecimal',
      'isoDecimals',
      'intlLocale',
    ] as const)
      assert.strictEqual(client[name], server[name], `${name} is the server's function`)
    assert.equal(
      client.formatAmount('-123456', { code: 'KWD', symbol: 'KD', decimals: 3 }, 'es'),
      `-123,456${NBSP}KD`
    )
  })

  test('conversion at a decimal rate rounds half away from zero, in integers', ({ assert }) => {
    // 100.00 USD at 0.9215 EUR = 92.15 EUR
    assert.equal(convertMinor('10000', '0.9215', 2, 2), 9215n)
    // 1 JPY (no decimals) at 0.00615 EUR = 0.00615 → 0.01 EUR
    assert.equal(convertMinor('1', '0.00615', 0, 2), 1n)
    assert.equal(convertMinor('-10005', '0.5', 2, 2), -5003n)
  })

  test('series numbers: year tokens and padding; the preview resets in a later year', ({
    assert,
  }) => {
    const date = new Date('2026-03-05T12:00:00Z')
    assert.equal(formatSeriesNumber({ prefix: 'F{YYYY}-', padding: 5 }, 42, date), 'F2026-00042')
    assert.equal(formatSeriesNumber({ prefix: 'P{YY}/{MM}/', padding: 3 }, 7, date), 'P26/03/007')
    const series = {
      prefix: 'F{YYYY}-',
      padding: 4,
      nextNumber: 57,
      resetYearly: true,
      currentYear: 2025,
    }
    assert.equal(previewNext(series, date), 'F2026-0001')
    assert.equal(previewNext({ ...series, resetYearly: false }, date), 'F2026-0057')
    assert.equal(previewNext({ ...series, currentYear: 2026 }, date), 'F2026-0057')
  })
})
