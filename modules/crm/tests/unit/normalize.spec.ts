import { test } from '@japa/runner'
import { normalizeEmail, normalizeName, normalizePhone, toE164 } from '../../support/normalize.js'
import { formatPhone, telHref } from '../../../../resources/js/ui/phone.js'
import { searchKeys } from '../../support/search.js'
import { buildChart } from '../../pages/shared/org_chart_tree.js'

test.group('Normalized values', () => {
  test('names lose case, accents and extra spaces (ñ → n) so search and sorting agree everywhere', ({
    assert,
  }) => {
    assert.equal(
      normalizeName('  Construcciones   Hermanos PÉREZ S.L. '),
      'construcciones hermanos perez s.l.'
    )
    assert.equal(normalizeName('Muñoz Ibáñez, Àngels'), 'munoz ibanez, angels')
    assert.equal(normalizeName('x'.repeat(300)).length, 200)
    // Plain ASCII (no marks to fold) and text with marks give the same form.
    assert.equal(normalizeName(' ACME\tIberia\n  S.L. '), 'acme iberia s.l.')
    assert.equal(normalizeName('Café  Olé'), normalizeName('Cafe\u0301 Ole\u0301'))
    assert.equal(normalizeName('Cafe Ole'), normalizeName('Café  Olé'))
  })

  test('phones compare equal however they were typed', ({ assert }) => {
    for (const typed of ['912 345 678', '+34 912-345-678', '0034912345678', '(+34) 91 234 56 78']) {
      assert.equal(normalizePhone(typed), '+34912345678', typed)
    }
    assert.equal(normalizePhone('+33 1 23 45 67 89'), '+33123456789')
    assert.equal(normalizePhone('12345'), '12345')
  })

  test('e-mails compare case-insensitively', ({ assert }) => {
    assert.equal(normalizeEmail(' Info@Empresa.ES '), 'info@empresa.es')
  })

  test('a search text becomes the keys it could be', ({ assert }) => {
    assert.deepEqual(searchKeys('Pérez'), { name: 'perez', nif: null, email: null, phone: null })
    assert.equal(searchKeys('b-12345674').nif, 'B12345674')
    assert.equal(searchKeys('Info@Empresa.es').email, 'info@empresa.es')
    assert.equal(searchKeys('912 345 678').phone, '+34912345678')
    assert.isNull(searchKeys('Talleres 2000').phone, 'a name with a number is not a phone')
  })
})

test.group('Org chart tree', () => {
  test('people hang under their manager; an unknown or invisible manager starts a new branch', ({
    assert,
  }) => {
    const tree = buildChart([
      { id: 1, name: 'Gerente', position: null, reportsToId: null },
      { id: 2, name: 'Compras', position: null, reportsToId: 1 },
      { id: 3, name: 'Técnico', position: null, reportsToId: 2 },
      { id: 4, name: 'Huérfano', position: null, reportsToId: 99 },
    ])
    assert.deepEqual(
      tree.map((n) => n.value),
      ['1', '4']
    )
    assert.equal(tree[0].children![0].value, '2')
    assert.equal(tree[0].children![0].children![0].value, '3')
  })
})

test.group('Phone numbers', () => {
  test('typed numbers are stored in E.164, Spanish ones without a code get +34', ({ assert }) => {
    for (const typed of [
      '612 34 56 78',
      '612345678',
      '+34 612-34-56-78',
      '0034 612 345 678',
      '(+34) 612 34 56 78',
    ]) {
      assert.equal(toE164(typed), '+34612345678', typed)
    }
    assert.equal(toE164('91 234 56 78'), '+34912345678')
    assert.equal(toE164('+33 1 23 45 67 89'), '+33123456789')
    assert.equal(toE164('+1 (212) 555-0100'), '+12125550100')
  })

  test('numbers that cannot be phones are refused', ({ assert }) => {
    for (const typed of [
      '12',
      '12345',
      '512 345 678',
      '+34 612 34 56',
      '+34 512 345 678',
      '6123456789',
      'tel 612345678',
      '+1234567',
      '',
    ]) {
      assert.isNull(toE164(typed), typed)
    }
  })

  test('shown grouped: landlines 3-3-3, mobiles 3-2-2-2, others as E.164, garbage as given', ({
    assert,
  }) => {
    assert.equal(formatPhone('+34912345678'), '+34 912 345 678')
    assert.equal(formatPhone('+34612345678'), '+34 612 34 56 78')
    assert.equal(formatPhone('+34712345678'), '+34 712 34 56 78')
    assert.equal(formatPhone('612345678'), '+34 612 34 56 78', 'as typed, before saving')
    assert.equal(formatPhone('+34 612 345 678'), '+34 612 34 56 78', 'older demo rows')
    assert.equal(formatPhone('+33123456789'), '+33123456789')
    assert.equal(formatPhone('12'), '12')
    assert.equal(formatPhone(null), '')
    assert.equal(telHref('+34 612 34 56 78'), 'tel:+34612345678')
  })
})
