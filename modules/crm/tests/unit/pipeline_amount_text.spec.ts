import { test } from '@japa/runner'
import { fromMinor, toMinor } from '../../pages/opportunities/amount_text.js'

test.group('Pipeline · the form amount follows the currency decimals', () => {
  test('typed text → minor units', ({ assert }) => {
    assert.equal(toMinor('1.234,56'), '123456')
    assert.equal(toMinor('1234.5', 2), '123450')
    // Yen have no decimals: every separator groups thousands.
    assert.equal(toMinor('1.234', 0), '1234')
    assert.equal(toMinor('1234', 0), '1234')
    // Three decimals (KWD): the last separator with up to 3 digits is the decimal one.
    assert.equal(toMinor('1.234,567', 3), '1234567')
    assert.equal(toMinor('12,5', 3), '12500')
    assert.equal(toMinor('abc', 2), '')
  })

  test('minor units → text', ({ assert }) => {
    assert.equal(fromMinor('123456', 'es'), '1234,56')
    assert.equal(fromMinor('5', 'en', 2), '0.05')
    assert.equal(fromMinor('1234', 'es', 0), '1234')
    assert.equal(fromMinor('1234567', 'en', 3), '1234.567')
  })
})
