import { test } from '@japa/runner'
import vine from '@vinejs/vine'
import { cifControlDigit, isValidNif, makeCif, nifKind } from '../../support/nif.js'
import { normalizeNif } from '../../support/normalize.js'
import { nifRule } from '../../validators/nif_rule.js'

test.group('Spanish tax identifiers (NIF, NIE, CIF)', () => {
  test('DNI/NIF: 8 digits and the letter of number mod 23', ({ assert }) => {
    // 12345678 mod 23 = 14 → Z; 00000000 → T; 99999999 mod 23 = 1 → R; 87654321 mod 23 = 10 → X.
    for (const valid of ['12345678Z', '00000000T', '99999999R', '87654321X'])
      assert.equal(nifKind(valid), 'dni', valid)
    for (const invalid of ['12345678A', '1234567Z', '123456789Z', '12345678'])
      assert.isFalse(isValidNif(invalid), invalid)
  })

  test('NIE: X/Y/Z count as 0/1/2 before the DNI letter', ({ assert }) => {
    // X1234567 → 01234567 mod 23 = 19 → L; Y1234567 → 11234567 mod 23 = 10 → X; Z1234567 → 21234567 mod 23 = 1 → R.
    for (const valid of ['X1234567L', 'Y1234567X', 'Z1234567R'])
      assert.equal(nifKind(valid), 'nie', valid)
    for (const invalid of ['X1234567A', 'W1234567L', 'X123456L'])
      assert.notEqual(nifKind(invalid), 'nie', invalid)
  })

  test('K, L, M: letter + 7 digits + the DNI letter of the 7 digits mod 23', ({ assert }) => {
    // 1234567 mod 23 = 19 → L; 7654321 mod 23 = 13 → J; 2345678 mod 23 = 0 → T; 0012345 mod 23 = 17 → V.
    for (const valid of ['K1234567L', 'L7654321J', 'M2345678T', 'K0012345V', 'M1234567L'])
      assert.equal(nifKind(valid), 'klm', valid)
    assert.isFalse(isValidNif('K1234567A'), 'wrong control letter')
    assert.isFalse(isValidNif('L7654321T'), 'wrong control letter')
    assert.isFalse(isValidNif('M2345678R'), 'wrong control letter')
    // K is no longer a CIF entity letter: the CIF control of 1234567 (4 → D) does not count.
    assert.isFalse(isValidNif('K1234567D'), 'CIF-style control letter')
    assert.isFalse(isValidNif('K12345674'), 'CIF-style control digit')
    for (const invalid of ['K123456L', 'L12345678J', 'M1234567', 'KA234567L'])
      assert.isFalse(isValidNif(invalid), invalid)
  })

  test('CIF control digit follows the official algorithm', ({ assert }) => {
    // A58818501: odd positions 5,8,8,0 doubled → 1+7+7+0 = 15; even 8+1+5 = 14; 29 → 10−9 = 1.
    assert.equal(cifControlDigit('5881850'), 1)
    // B12345674: odd 1,3,5,7 doubled → 2+6+1+5 = 14; even 2+4+6 = 12; 26 → 4.
    assert.equal(cifControlDigit('1234567'), 4)
    // Sum ending in 0 gives control 0, not 10: 0000000 → 0.
    assert.equal(cifControlDigit('0000000'), 0)
  })

  test('CIF: digit for A, B, E, H; letter for P, Q, S, N, W and 00…; either for the rest', ({
    assert,
  }) => {
    // Worked by hand: Q2826000 → 8+14 = 22 → 8 → H; P2807900 → 13+15 = 28 → 2 → B;
    // N0032484 → 22+10 = 32 → 8 → H; W0184081 → 9+13 = 22 → 8 → H; G/J1234567 → 4 → 4 or D;
    // A0012345 → 9+6 = 15 → 5 → E (digits starting with 00 take the letter).
    for (const valid of [
      'A58818501',
      'B12345674',
      'Q2826000H',
      'P2807900B',
      'N0032484H',
      'W0184081H',
      'G12345674',
      'G1234567D',
      'J12345674',
      'J1234567D',
      'A0012345E',
    ]) {
      assert.equal(nifKind(valid), 'cif', valid)
    }
    assert.isFalse(isValidNif('A5881850A'), 'A takes the digit (1), not the letter A')
    assert.isFalse(isValidNif('B1234567D'), 'B takes the digit 4, not the letter D')
    assert.isFalse(isValidNif('Q28260008'), 'Q takes the letter H, not the digit 8')
    assert.isFalse(isValidNif('N00324848'), 'N takes the letter')
    assert.isFalse(isValidNif('A00123455'), 'digits starting with 00 take the letter')
    assert.isFalse(isValidNif('A58818502'), 'wrong control digit')
    assert.isFalse(isValidNif('G1234567E'), 'wrong control letter')
    assert.isFalse(isValidNif('I12345674'), 'I is not an entity letter')
  })

  test('makeCif builds identifiers the validator accepts', ({ assert }) => {
    for (const entity of [
      'A',
      'B',
      'E',
      'F',
      'G',
      'H',
      'J',
      'N',
      'P',
      'Q',
      'R',
      'S',
      'U',
      'V',
      'W',
    ]) {
      for (const digits of ['2812345', '0812345', '0012345', '4699999']) {
        assert.isTrue(isValidNif(makeCif(entity, digits)), `${entity}${digits}`)
      }
    }
    assert.equal(makeCif('A', '5881850'), 'A58818501')
    assert.equal(makeCif('Q', '2826000'), 'Q2826000H')
  })

  test('normalization removes separators, spaces and the ES VAT prefix', ({ assert }) => {
    assert.equal(normalizeNif(' b-1234567.4 '), 'B12345674')
    assert.equal(normalizeNif('ESB12345674'), 'B12345674')
    assert.equal(normalizeNif('x 1234567 l'), 'X1234567L')
    assert.equal(normalizeNif('es-k 1234567.l'), 'K1234567L')
    assert.equal(nifKind(normalizeNif(' ESM-2345678-T ')), 'klm')
  })

  test('the VineJS rule normalizes valid values and reports invalid ones as "nif"', async ({
    assert,
  }) => {
    const validator = vine.compile(vine.object({ nif: vine.string().use(nifRule()) }))
    assert.deepEqual(await validator.validate({ nif: 'b 12345674' }), { nif: 'B12345674' })
    assert.deepEqual(await validator.validate({ nif: '12345678-z' }), { nif: '12345678Z' })
    assert.deepEqual(await validator.validate({ nif: 'l 7654321 j' }), { nif: 'L7654321J' })
    try {
      await validator.validate({ nif: 'B12345675' })
      assert.fail('an invalid CIF must be rejected')
    } catch (error: any) {
      assert.equal(error.messages[0].rule, 'nif')
      assert.equal(error.messages[0].field, 'nif')
    }
    try {
      await validator.validate({ nif: 'M2345678R' })
      assert.fail('an M NIF with a wrong control letter must be rejected')
    } catch (error: any) {
      assert.equal(error.messages[0].rule, 'nif')
    }
  })
})
