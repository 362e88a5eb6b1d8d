import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createTeam, createUser } from '#tests/helpers/world'
import { adminWorld, write } from '../admin/_helpers.js'
import { currencies } from '#app/settings/currencies'
import { rateOn } from '#app/settings/exchange_rates'

test.group('Settings · currencies', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an organization starts with EUR as its only default; the shell carries its currencies', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const page = await client.get('/admin/settings/currencies').loginAs(admin).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('admin/settings/currencies')
    assert.deepEqual(
      (page.inertiaProps.currencies as any[]).map((c) => [
        c.code,
        c.symbol,
        c.decimals,
        c.isDefault,
      ]),
      [['EUR', '€', 2, true]]
    )
    const shell = page.inertiaProps.shell as any
    assert.equal(shell.organization.currency, 'EUR')
    assert.deepEqual(shell.organization.currencies, [{ code: 'EUR', symbol: '€', decimals: 2 }])
    assert.equal((await db.from('currencies').where('organization_id', org.id)).length, 1)
  })

  test('currencies are added with code, symbol and decimals; exactly one stays the default', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    let response = await write(client.post('/admin/settings/currencies'), admin, {
      code: 'usd',
      symbol: 'US$',
      decimals: 2,
    })
    response.assertHeader('location', '/admin/settings/currencies')
    response.assertFlashMessage('success', 'Moneda USD añadida.')
    await write(client.post('/admin/settings/currencies'), admin, {
      code: 'JPY',
      symbol: '¥',
      decimals: 0,
    })
    // The same code twice is refused, next to the field.
    response = await write(client.post('/admin/settings/currencies'), admin, {
      code: 'USD',
      symbol: '$',
      decimals: 2,
    })
    response.assertFlashMessage('inputErrorsBag', {
      code: ['La organización ya tiene la moneda USD.'],
    })
    // A malformed code never reaches the service.
    response = await write(client.post('/admin/settings/currencies'), admin, {
      code: 'EURO',
      symbol: '€',
      decimals: 9,
    })
    assert.deepEqual(response.flashMessages().inputErrorsBag, {
      code: ['Escriba un código ISO 4217 de tres letras, por ejemplo USD'],
      decimals: ['El campo decimales debe estar entre 0 y 4'],
    })

    // Two administrators switch the default at the same time: one default remains.
    await Promise.all([
      write(client.post('/admin/settings/currencies/USD/default'), admin),
      write(client.post('/admin/settings/currencies/JPY/default'), admin),
    ])
    const defaults = await db
      .from('currencies')
      .where({ organization_id: org.id, is_default: true })
    assert.lengthOf(defaults, 1)
    await write(client.post('/admin/settings/currencies/USD/default'), admin)
    const list = await currencies(org.id)
    assert.deepEqual(
      list.map((c) => [c.code, c.isDefault]),
      [
        ['USD', true],
        ['EUR', false],
        ['JPY', false],
      ]
    )
    assert.equal((await db.from('organizations').where('id', org.id).first()).currency, 'USD')
    const page = await client.get('/admin/teams').loginAs(admin).withInertia()
    assert.equal((page.inertiaProps.shell as any).organization.currency, 'USD')
  })

  test('manual rates keep a history by date, against the current default', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    await write(client.post('/admin/settings/currencies'), admin, {
      code: 'USD',
      symbol: '$',
      decimals: 2,
    })
    await write(client.post('/admin/settings/currencies/USD/rates'), admin, {
      rate: '0,9100',
      effectiveOn: '2026-01-01',
    })
    await write(client.post('/admin/settings/currencies/USD/rates'), admin, {
      rate: '0.9215',
      effectiveOn: '2026-02-01',
    })
    const refused = await write(client.post('/admin/settings/currencies/USD/rates'), admin, {
      rate: '0',
      effectiveOn: '2026-03-01',
    })
    assert.properties(refused.flashMessages().inputErrorsBag, ['rate'])
    assert.equal(await rateOn(org.id, 'USD', '2026-01-15'), '0.9100')
    assert.equal(await rateOn(org.id, 'USD', '2026-02-15'), '0.9215')
    assert.isNull(await rateOn(org.id, 'USD', '2025-12-31'))
    assert.equal(await rateOn(org.id, 'EUR', '2026-02-15'), '1')
    const page = await client.get('/admin/settings/currencies').loginAs(admin).withInertia()
    assert.deepEqual(page.inertiaProps.rates, {
      USD: [
        { rate: '0.9215', effectiveOn: '2026-02-01' },
        { rate: '0.9100', effectiveOn: '2026-01-01' },
      ],
    })
  })

  test('the default and a currency in use cannot be deleted (translated reasons)', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld([], { locale: 'en' })
    await write(client.post('/admin/settings/currencies'), admin, {
      code: 'GBP',
      symbol: '£',
      decimals: 2,
    })
    await write(client.post('/admin/settings/currencies'), admin, {
      code: 'CHF',
      symbol: 'Fr.',
      decimals: 2,
    })
    let response = await write(client.delete('/admin/settings/currencies/EUR'), admin)
    response.assertFlashMessage(
      'error',
      'EUR is the default currency: make another one the default before deleting it.'
    )
    const team = await createTeam(org, null, [])
    await db.from('teams').where('id', team.id).update({ currency: 'GBP' })
    response = await write(client.delete('/admin/settings/currencies/GBP'), admin)
    response.assertFlashMessage('error', 'GBP is in use (1 record): it cannot be deleted.')
    response = await write(client.delete('/admin/settings/currencies/CHF'), admin)
    response.assertFlashMessage('success', 'Currency CHF deleted.')
    assert.sameMembers(
      (await db.from('currencies').where('organization_id', org.id)).map((c) => c.code),
      ['EUR', 'GBP']
    )
  })

  test('settings pages and writes answer 403 to a non-administrator', async ({
    client,
    assert,
  }) => {
    const { org } = await adminWorld()
    const user = await createUser(org, { permissions: ['sonda.items.view'] })
    for (const url of [
      '/admin/settings/currencies',
      '/admin/settings/series',
      '/admin/settings/lists',
    ]) {
      const response = await client.get(url).loginAs(user).withInertia()
      response.assertStatus(403)
    }
    const writes: [string, 'post' | 'put' | 'delete'][] = [
      ['/admin/settings/currencies', 'post'],
      ['/admin/settings/currencies/EUR/default', 'post'],
      ['/admin/settings/currencies/EUR/rates', 'post'],
      ['/admin/settings/currencies/EUR', 'delete'],
      ['/admin/settings/series', 'post'],
      ['/admin/settings/series/1', 'put'],
      ['/admin/settings/lists/sonda.colores', 'put'],
    ]
    for (const [url, method] of writes) {
      const response = await write(client[method](url), user, {
        code: 'USD',
        symbol: '$',
        decimals: 2,
      })
      response.assertStatus(403)
    }
    assert.lengthOf(await db.from('currencies').where({ organization_id: org.id, code: 'USD' }), 0)
  })
})

test.group('Settings · audit', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('currency and series changes are in the audit log, named and labelled', async ({
    client,
    assert,
  }) => {
    const { admin } = await adminWorld()
    await write(client.post('/admin/settings/currencies'), admin, {
      code: 'USD',
      symbol: '$',
      decimals: 2,
    })
    await write(client.put('/admin/settings/currencies/USD'), admin, {
      code: 'USD',
      symbol: 'US$',
      decimals: 2,
    })
    await write(client.post('/admin/settings/currencies/USD/rates'), admin, {
      rate: '0.92',
      effectiveOn: '2026-02-01',
    })
    await write(client.post('/admin/settings/currencies/USD/default'), admin)
    await write(client.post('/admin/settings/series'), admin, {
      key: 'sales.quotes',
      name: 'Presupuestos',
      prefix: 'P-',
      padding: 4,
      nextNumber: 1,
      resetYearly: false,
    })
    const page = await client.get('/admin/audit').loginAs(admin).withInertia()
    const entries = page.inertiaProps.entries as any[]
    const of = (field: string, type = 'kernel.currency') =>
      entries.filter((e) => e.subjectType === type && e.field === field)
    assert.deepInclude(of('symbol')[0], {
      typeLabel: 'Moneda',
      subjectLabel: 'USD',
      fieldLabel: 'Símbolo',
      oldValue: '$',
      newValue: 'US$',
    })
    assert.deepInclude(of('rate')[0], {
      fieldLabel: 'Tipo de cambio',
      newValue: '0.92 EUR (2026-02-01)',
    })
    assert.sameMembers(
      of('isDefault')
        .filter((e) => e.action === 'update')
        .map((e) => `${e.subjectLabel}:${e.newValue}`),
      ['EUR:false', 'USD:true']
    )
    assert.deepInclude(of('prefix', 'kernel.number_series')[0], {
      typeLabel: 'Serie de numeración',
      subjectLabel: 'Presupuestos',
      actionLabel: 'Creación',
      newValue: 'P-',
    })
  })
})
