import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { saveField } from '#app/custom_fields/admin'
import { saveCustomValues } from '#app/custom_fields/values'
import { applyCustomFilters, parseCustomFilters } from '#app/custom_fields/query'
import { adminWorld } from '#tests/functional/admin/_helpers'
import { crmUser, insertCompany } from '../helpers.js'

const base = { required: false, showInList: true, active: true }

async function world() {
  const { org, admin } = await adminWorld(['crm'])
  const user = await crmUser(org, 'all')
  const actor = { organizationId: org.id, actorId: admin.id }
  await saveField(actor, 'crm.companies', { ...base, label: 'Empleados', type: 'number' })
  await saveField(actor, 'crm.companies', { ...base, label: 'Renovación', type: 'date' })
  await saveField(actor, 'crm.companies', { ...base, label: 'VIP', type: 'boolean' })
  await saveField(actor, 'crm.companies', {
    ...base,
    label: 'Canales',
    type: 'multi_list',
    choices: [
      { label: 'Web', active: true },
      { label: 'Tienda', active: true },
      { label: 'Feria', active: true },
    ],
  })
  await saveField(actor, 'crm.companies', { ...base, label: 'Código', type: 'text' })
  await saveField(actor, 'crm.companies', {
    ...base,
    showInList: false,
    label: 'Oculto',
    type: 'text',
  })
  const data: [string, Record<string, unknown>][] = [
    [
      'Alfa',
      { empleados: '10', renovacion: '2026-01-10', vip: true, canales: ['web'], codigo: 'AX-1' },
    ],
    [
      'Beta',
      {
        empleados: '250',
        renovacion: '2026-06-01',
        vip: false,
        canales: ['tienda', 'feria'],
        codigo: 'BX-2',
      },
    ],
    ['Gamma', { empleados: '40', vip: true, canales: [], codigo: 'G_3' }],
    ['Delta', {}],
  ]
  const ids: Record<string, number> = {}
  for (const [name, values] of data) {
    ids[name] = await insertCompany(org, { name })
    await db.transaction((trx) =>
      saveCustomValues(trx, {
        organizationId: org.id,
        resource: 'crm.companies',
        recordId: ids[name],
        values: values as any,
      })
    )
  }
  return { org, user, ids }
}

const names = (page: any) => (page.inertiaProps.companies as any[]).map((c) => c.name).sort()

test.group('Custom fields · list columns and filters', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the list shows the listed fields as columns and filters by them', async ({
    client,
    assert,
  }) => {
    const { user } = await world()
    const get = (qs: string) => client.get(`/crm/companies?${qs}`).loginAs(user).withInertia()
    const all = await get('')
    assert.deepEqual(
      (all.inertiaProps.customColumns as any[]).map((c) => c.key),
      ['empleados', 'renovacion', 'vip', 'canales', 'codigo'],
      'only fields shown in the list'
    )
    const alfa = (all.inertiaProps.companies as any[]).find((c) => c.name === 'Alfa')
    assert.deepEqual(alfa.custom, {
      empleados: '10',
      renovacion: '2026-01-10',
      vip: true,
      canales: ['web'],
      codigo: 'AX-1',
    })
    assert.deepEqual(names(await get('cf_empleados_from=20&cf_empleados_to=300')), [
      'Beta',
      'Gamma',
    ])
    assert.deepEqual(names(await get('cf_renovacion_from=2026-02-01')), ['Beta'])
    assert.deepEqual(names(await get('cf_vip=yes')), ['Alfa', 'Gamma'])
    assert.deepEqual(names(await get('cf_vip=no')), ['Beta'])
    assert.deepEqual(names(await get('cf_canales=web,feria')), ['Alfa', 'Beta'])
    assert.deepEqual(names(await get('cf_codigo=x-')), ['Alfa', 'Beta'], 'contains, any case')
    // LIKE wildcards are literal.
    assert.deepEqual(names(await get('cf_codigo=_')), ['Gamma'])
    // Combined with each other; malformed ones and unlisted fields are ignored.
    assert.deepEqual(names(await get('cf_vip=yes&cf_empleados_from=20')), ['Gamma'])
    const ignored = await get('cf_empleados_from=abc&cf_oculto=x&cf_canales=nada')
    assert.lengthOf(ignored.inertiaProps.companies as any[], 4)
    assert.deepEqual(ignored.inertiaProps.customFilters, {})
    // The count follows the filters, and the filters stay in the page's links.
    const filtered = await get('cf_vip=yes')
    assert.equal((filtered.inertiaProps.count as any).value, 2)
    assert.deepEqual(filtered.inertiaProps.customFilters, { cf_vip: 'yes' })
  })

  test('a filter is a semi-join read from the (field, value, record) index', async ({ assert }) => {
    const { org } = await world()
    const dialect = db.connection().dialect.name
    const cases: [Record<string, string>, RegExp][] = [
      [{ cf_empleados_from: '20', cf_empleados_to: '300' }, /cfv_field_number/],
      [{ cf_renovacion_from: '2026-02-01' }, /cfv_field_date/],
      [{ cf_canales: 'web,feria' }, /cfv_field_(text|record_text)/],
      [{ cf_vip: 'yes' }, /cfv_field_number/],
    ]
    for (const [qs, index] of cases) {
      const { filters } = await parseCustomFilters(org.id, 'crm.companies', qs)
      assert.lengthOf(filters, 1)
      const query = db
        .from('crm_companies as c')
        .where('c.organization_id', org.id)
        .whereNull('c.deleted_at')
        .select('c.id')
      await applyCustomFilters(query, {
        organizationId: org.id,
        resource: 'crm.companies',
        idColumn: 'c.id',
        filters,
      })
      const { sql, bindings } = query.toSQL().toNative()
      if (dialect === 'better-sqlite3' || dialect === 'sqlite3') {
        const plan = await db.rawQuery(`EXPLAIN QUERY PLAN ${sql}`, bindings as any[])
        const detail = plan.map((r: any) => r.detail).join('; ')
        assert.match(
          detail,
          new RegExp(`USING (COVERING )?INDEX ${index.source} \\(field_id=\\?`),
          detail
        )
      } else {
        const [rows] = await db.rawQuery(`EXPLAIN ${sql}`, bindings as any[])
        const values = (rows as any[]).filter((r) =>
          /custom_field_values|subquery/.test(String(r.table))
        )
        const used = (rows as any[]).map((r) => `${r.table}:${r.type}:${r.key}`).join('; ')
        assert.isAbove(values.length, 0, used)
        for (const r of (rows as any[]).filter((x) =>
          String(x.table).includes('custom_field_values')
        ))
          assert.match(String(r.key), /^cfv_/, used)
      }
    }
  })

  test('a CSV export holds what the list filtered by custom fields shows', async ({
    client,
    assert,
  }) => {
    const { user } = await world()
    const csv = await client.get('/crm/companies/export?cf_vip=yes').loginAs(user)
    csv.assertStatus(200)
    const lines = csv.text().trim().split(/\r?\n/).slice(1)
    assert.deepEqual(lines.map((l) => l.split(/[;,]/)[0].replace(/"/g, '')).sort(), [
      'Alfa',
      'Gamma',
    ])
    const both = await client
      .get('/crm/companies/export?cf_vip=yes&cf_empleados_from=20')
      .loginAs(user)
    assert.deepEqual(
      both
        .text()
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((l) => l.split(/[;,]/)[0].replace(/"/g, '')),
      ['Gamma']
    )
  })
})
