import { test } from '@japa/runner'
import { normalizeSubject } from '../../support/subject.js'
import { basicAddress, plusAddress, recordFromPlus, replyTokenOf } from '../../support/addresses.js'
import { messageIds } from '../../pipeline/parse.js'
import { describeFailure, failureDetail, failureOf } from '../../sync/errors.js'

test.group('Mail support: subjects, reply tokens, message ids', () => {
  test('reply and forward prefixes in several languages are stripped', ({ assert }) => {
    for (const subject of [
      'RE: Presupuesto',
      'Re: RE: Presupuesto',
      'RV: Presupuesto',
      'FW: Fwd: presupuesto',
      'AW: Presupuesto',
      'Re[2]: Presupuesto',
      '[Ventas] RE:  Presupuesto ',
    ])
      assert.equal(normalizeSubject(subject), 'presupuesto', subject)
    assert.equal(normalizeSubject('Reunión del lunes'), 'reunión del lunes')
  })

  test('a record travels in the plus part of the mailbox address and back', ({ assert }) => {
    const token = replyTokenOf('crm.opportunity', 123)!
    const address = plusAddress('ventas@cartera-demo.es', token)
    assert.equal(address, 'ventas+o123@cartera-demo.es')
    assert.deepEqual(recordFromPlus(address), { type: 'crm.opportunity', id: 123 })
    assert.equal(basicAddress(address), 'ventas@cartera-demo.es')
    assert.isNull(recordFromPlus('ventas+hola@cartera-demo.es'))
    assert.isNull(replyTokenOf('crm.activity', 1))
  })

  test('message ids are read with or without brackets', ({ assert }) => {
    assert.deepEqual(messageIds('<a@b> <c@d>'), ['a@b', 'c@d'])
    assert.deepEqual(messageIds(['<a@b>', '<c@d>']), ['a@b', 'c@d'])
    assert.deepEqual(messageIds('a@b'), ['a@b'])
    assert.deepEqual(messageIds(''), [])
  })

  test('a sync failure keeps its detail apart from its words, for any language', ({ assert }) => {
    const other = new Error('BAD Something odd happened')
    assert.equal(failureOf(other), 'other')
    assert.equal(failureDetail('other', describeFailure(other)), 'BAD Something odd happened')
    const folder = Object.assign(new Error('no folder'), { mailboxMissing: true })
    assert.equal(failureDetail('folder', describeFailure(folder, 'Enviados')), 'Enviados')
    const auth = Object.assign(new Error('x'), { authenticationFailed: true })
    assert.equal(failureOf(auth), 'auth')
    assert.isNull(failureDetail('auth', describeFailure(auth)))
    assert.isNull(failureDetail(null, 'texto'))
  })
})
