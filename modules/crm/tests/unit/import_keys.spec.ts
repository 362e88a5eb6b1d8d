import { test } from '@japa/runner'
import { companyNameKey, domainKey, emailKey, nifKey, phoneKey } from '../../support/keys.js'

test.group('Import duplicate keys', () => {
  test('NIF/CIF/NIE with check digit, any separators', ({ assert }) => {
    assert.equal(nifKey('b-12345674'), 'B12345674')
    assert.equal(nifKey(' B 1234567-4 '), 'B12345674')
    assert.equal(nifKey('ES-B12345674'), 'B12345674')
    assert.equal(nifKey('x1234567l'), 'X1234567L')
    assert.isNull(nifKey('B12345675'))
  })

  test('e-mail lower-cased and trimmed', ({ assert }) => {
    assert.equal(emailKey('  Info@ACME.es '), 'info@acme.es')
    assert.isNull(emailKey('no-es-correo'))
  })

  test('phone in E.164, Spain by default', ({ assert }) => {
    for (const v of [
      '0034 912 345 678',
      '+34912345678',
      '912345678',
      '912-34-56-78',
      '(+34) 912 345 678',
    ])
      assert.equal(phoneKey(v), '+34912345678', v)
    assert.equal(phoneKey('0033 1 23 45 67 89'), '+33123456789')
    assert.isNull(phoneKey('12'))
  })

  test('web domain without scheme, www, path or port', ({ assert }) => {
    for (const v of [
      'http://www.acme.es/',
      'https://acme.es',
      'acme.es',
      'WWW.ACME.ES/contacto',
      'acme.es:443',
    ])
      assert.equal(domainKey(v), 'acme.es', v)
    assert.isNull(domainKey('no es una web'))
  })

  test('company name without legal form, accents or punctuation', ({ assert }) => {
    const forms = [
      'Construcciones Pérez S.L.',
      'CONSTRUCCIONES PEREZ, S.L.U.',
      'Construcciones Pérez SA',
      'construcciones pérez s.l.p.',
      'Construcciones Pérez C.B.',
      'Construcciones Pérez, S. Coop.',
      'Construcciones-Pérez',
    ]
    for (const v of forms) assert.equal(companyNameKey(v), 'construcciones perez', v)
    assert.equal(companyNameKey('S.A.'), 'sa')
    // Plain ASCII and text with letters beyond it split on the same characters.
    assert.equal(companyNameKey('ACME_Iberia-2000 (Norte), S.L.'), 'acme iberia 2000 norte')
    assert.equal(companyNameKey('Açme_Iberia-2000 (Norte)·S.L.'), 'acme iberia 2000 norte')
    assert.equal(companyNameKey('Ñandú·Sur S.A.'), 'nandusur')
  })
})
