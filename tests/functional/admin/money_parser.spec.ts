import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { formatMinorForInput, parseMoneyToMinor } from '#app/admin/teams/money'
import { TEAM_CURRENCIES } from '#app/admin/teams/currencies'

test.group('Admin · money parser (no floats)', () => {
  test('reads Spanish and English writing into integer minor units', ({ assert }) => {
    const cases: [string, bigint][] = [
      ['60.000,00', 6_000_000n],
      ['60000.00', 6_000_000n],
      ['60,000.00', 6_000_000n],
      ['60000', 6_000_000n],
      ['60.000', 6_000_000n],
      ['1.500', 150_000n],
      ['12,5', 1_250n],
      ['12.5', 1_250n],
      ['0,01', 1n],
      ['0.10', 10n],
      [' 1 234,56 € ', 123_456n],
      ['€60.000,00', 6_000_000n],
      ['1.234.567,89', 123_456_789n],
      ['1,234,567.89', 123_456_789n],
      ['-5,25', -525n],
      ['007', 700n],
      // 0.1 + 0.2 style values and amounts past 2^53 céntimos would break a float parser.
      ['0,30', 30n],
      ['9.999.999.999.999,99', 999_999_999_999_999n],
      ['4503599627370,49', 450_359_962_737_049n],
    ]
    for (const [text, minor] of cases) assert.equal(parseMoneyToMinor(text), minor, text)
  })

  test('refuses what is malformed or ambiguous instead of guessing', ({ assert }) => {
    for (const text of [
      '',
      ' ',
      'abc',
      '1,2,3',
      '12.345,6.7',
      '1.23.456',
      '0.500,00',
      '12,345.6,7',
      '1,5.00',
      ',5',
      '5,',
      '1.',
      '12.3456',
      '1e5',
      '10000000000000,00',
      '--5',
      '5-',
      '1 2 3x',
      'NaN',
      'Infinity',
    ]) {
      assert.isNull(parseMoneyToMinor(text), JSON.stringify(text))
    }
  })

  test('team currencies all have two decimals, and a label in each language', ({ assert }) => {
    for (const code of TEAM_CURRENCIES) {
      const digits = new Intl.NumberFormat('en', {
        style: 'currency',
        currency: code,
      }).resolvedOptions().maximumFractionDigits
      assert.equal(digits, 2, code)
    }
    for (const locale of ['es', 'en']) {
      const labels = JSON.parse(
        readFileSync(app.makePath(`app/admin/teams/lang/${locale}.json`), 'utf8')
      ).currencies
      assert.sameMembers(Object.keys(labels), [...TEAM_CURRENCIES], locale)
    }
  })

  test('formats minor units back for the form in each language', ({ assert }) => {
    assert.equal(formatMinorForInput('6000000', 'es'), '60.000,00')
    assert.equal(formatMinorForInput('6000000', 'en'), '60,000.00')
    assert.equal(formatMinorForInput(5n, 'es'), '0,05')
    assert.equal(formatMinorForInput('-123456789', 'es'), '-1.234.567,89')
    assert.equal(formatMinorForInput('999999999999999', 'en'), '9,999,999,999,999.99')
    for (const minor of ['0', '1', '99', '100', '123456789', '999999999999999']) {
      for (const locale of ['es', 'en'])
        assert.equal(parseMoneyToMinor(formatMinorForInput(minor, locale)), BigInt(minor))
    }
  })
})
