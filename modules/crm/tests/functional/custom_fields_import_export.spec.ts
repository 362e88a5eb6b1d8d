import { test } from '@japa/runner'
import { ApiRequest } from '@japa/api-client'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import type User from '#models/user'
import { saveField } from '#app/custom_fields/admin'
import { loadCustomValues, saveManyCustomValues } from '#app/custom_fields/values'
import type { FieldValues } from '#app/custom_fields/types'
import { startImport } from '#app/import/start'
import { previewImport } from '#app/import/preview'
import { commitImport } from '#app/import/commit'
import { rollbackImport } from '#app/import/rollback'
import { XLSX_CONTENT_TYPE } from '#app/support/xlsx'
import { adminWorld } from '#tests/functional/admin/_helpers'
import { createUser } from '#tests/helpers/world'
import { insertCompany } from '../helpers.js'
import { companyNameKey } from '../../support/keys.js'

let dir = ''
const base = { required: false, showInList: false, active: true }
const COMPANIES = 'crm.companies'

/** Fields of every kind on companies, and a user a "user" field can point at. */
async function world() {
  const { org, admin } = await adminWorld(['crm'])
  const manager = await createUser(
    org,
    {},
    { fullName: 'Lucía Gestora', email: 'lucia@example.com' }
  )
  const actor = { organizationId: org.id, actorId: admin.id }
  const field = (label: string, type: string, extra: Record<string, unknown> = {}) =>
    saveField(actor, COMPANIES, { ...base, label, type, ...extra } as any)
  await field('Nivel', 'list', {
    choices: [
      { label: 'Oro', active: true },
      { label: 'Plata', active: true },
    ],
  })
  await field('Zonas', 'multi_list', {
    choices: [
      { label: 'Norte', active: true },
      { label: 'Sur', active: true },
      { label: 'Este', active: true },
    ],
  })
  await field('Activa', 'boolean')
  await field('Presupuesto', 'money')
  await field('Renovación', 'date')
  await field('Gestor', 'user')
  await field('Comentario', 'text')
  return { org, admin, manager }
}

async function company(org: Organization, name: string) {
  return insertCompany(org, { name, name_key: companyNameKey(name) })
}

async function setValues(org: Organization, values: Map<number, FieldValues>) {
  await db.transaction((trx) =>
    saveManyCustomValues(trx, { organizationId: org.id, resource: COMPANIES, values })
  )
}

async function valuesByName(org: Organization) {
  const rows = await db.from('crm_companies').where('organization_id', org.id).select('id', 'name')
  const values = await loadCustomValues(
    org.id,
    COMPANIES,
    rows.map((r) => Number(r.id))
  )
  return Object.fromEntries(rows.map((r) => [r.name, values.get(Number(r.id))]))
}

async function importFile(org: Organization, user: User, name: string, content: string | Buffer) {
  const path = join(dir, name)
  await writeFile(path, content)
  return startImport({
    organizationId: org.id,
    userId: user.id,
    resource: COMPANIES,
    path,
    fileName: name,
  })
}

async function wipe(org: Organization) {
  await db.from('custom_field_values').where('organization_id', org.id).delete()
  await db.from('crm_companies').where('organization_id', org.id).delete()
}

const collect = (res: any, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => done(null, Buffer.concat(chunks)))
}

test.group('Custom fields · export and import', (group) => {
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cartera-cf-'))
    ApiRequest.addParser(XLSX_CONTENT_TYPE, collect)
    return async () => {
      ApiRequest.removeParser(XLSX_CONTENT_TYPE)
      await rm(dir, { recursive: true, force: true })
    }
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('CSV and XLSX exports carry the fields readable and import back with no manual mapping', async ({
    client,
    assert,
  }) => {
    const { org, admin, manager } = await world()
    const acme = await company(org, 'Acme S.L.')
    const beta = await company(org, 'Beta S.A.')
    await company(org, 'Gamma Vacía')
    await setValues(
      org,
      new Map<number, FieldValues>([
        [
          acme,
          {
            nivel: 'oro',
            zonas: ['norte', 'sur'],
            activa: true,
            presupuesto: '1234.50',
            renovacion: '2027-01-15',
            gestor: manager.id,
            comentario: '-5 % dto.',
          },
        ],
        [beta, { nivel: 'plata', zonas: ['este'], activa: false, presupuesto: '-3.00' }],
      ])
    )
    const original = await valuesByName(org)

    const csv = await client.get('/crm/companies/export').loginAs(admin)
    csv.assertStatus(200)
    const lines = csv
      .text()
      .replace(/^\uFEFF/, '')
      .split('\r\n')
    const header = lines[0].split(';')
    assert.includeMembers(header, [
      'Nivel',
      'Zonas',
      'Activa',
      'Presupuesto',
      'Renovación',
      'Gestor',
      'Comentario',
    ])
    const acmeLine = lines.find((l) => l.startsWith('Acme'))!.split(';')
    assert.deepEqual(acmeLine.slice(-7), [
      'Oro',
      'Norte, Sur',
      'Sí',
      '1234.50',
      '2027-01-15',
      'Lucía Gestora',
      "'-5 % dto.",
    ])
    const betaLine = lines.find((l) => l.startsWith('Beta'))!.split(';')
    assert.deepEqual(betaLine.slice(-7), ['Plata', 'Este', 'No', "'-3.00", '', '', ''])

    const xlsx = await client.get('/crm/companies/export/xlsx').loginAs(admin)
    xlsx.assertStatus(200)
    const xlsxBody = xlsx.body() as Buffer

    for (const [name, content] of [
      ['empresas.csv', csv.text()],
      ['empresas.xlsx', xlsxBody],
    ] as const) {
      await wipe(org)
      const started = await importFile(org, admin, name, content)
      for (const key of [
        'nivel',
        'zonas',
        'activa',
        'presupuesto',
        'renovacion',
        'gestor',
        'comentario',
      ])
        assert.include(started.mapping, `cf.${key}`, `${name}: ${key} mapped from its label`)
      const preview = await previewImport(started.id)
      assert.equal(preview.totals.created, 3, name)
      assert.equal(preview.totals.rejected, 0, name)
      await commitImport(started.id)
      assert.deepEqual(await valuesByName(org), original, `${name}: the same values`)
    }
  })

  test('a bad custom value rejects its line with a reason naming the field; required ones on create', async ({
    assert,
  }) => {
    const { org, admin } = await world()
    await saveField({ organizationId: org.id, actorId: admin.id }, COMPANIES, {
      ...base,
      label: 'Código',
      type: 'text',
      required: true,
    } as any)
    const existing = await company(org, 'Existente S.L.')
    const started = await importFile(
      org,
      admin,
      'malos.csv',
      [
        'Nombre;Nivel;Presupuesto;Renovación;Activa;Gestor;Código',
        'Uno;Bronce;;;;;C1',
        'Dos;oro;12.345;;;;C2',
        'Tres;;;31/02/2027;;;C3',
        'Cuatro;;;;quizá;;C4',
        'Cinco;;;;;Nadie;C5',
        'Seis;PLATA;1.234,5;15/01/2027;yes;lucia@example.com;C6',
        'Siete;Oro;;;;;',
        'Existente S.L.;Oro;;;;;',
      ].join('\r\n')
    )
    await previewImport(started.id)
    const lines = await db.from('import_lines').where('run_id', started.id).orderBy('line')
    const reason = (line: number) => {
      const l = lines.find((r) => r.line === line)
      return l.reason ? JSON.parse(l.reason) : l.outcome
    }
    assert.deepEqual(reason(2), { key: 'custom_fields.errors.choice', values: { field: 'Nivel' } })
    assert.deepEqual(reason(3), {
      key: 'custom_fields.errors.decimals',
      values: { field: 'Presupuesto', decimals: 2 },
    })
    assert.deepEqual(reason(4), {
      key: 'custom_fields.errors.date',
      values: { field: 'Renovación' },
    })
    assert.deepEqual(reason(5), {
      key: 'custom_fields.errors.boolean',
      values: { field: 'Activa' },
    })
    assert.deepEqual(reason(6), { key: 'custom_fields.errors.user', values: { field: 'Gestor' } })
    // "1.234,5" is not a decimal the export writes: refused too.
    assert.deepEqual(reason(7), {
      key: 'custom_fields.errors.number',
      values: { field: 'Presupuesto' },
    })
    assert.deepEqual(reason(8), {
      key: 'custom_fields.errors.required',
      values: { field: 'Código' },
    })
    // An update may leave a required field out.
    assert.equal(reason(9), 'update')

    // The report shows the reason translated.
    const { previewLines } = await import('#app/import/pages')
    const { importDefinition } = await import('#app/import/runs')
    const i18n = (await import('@adonisjs/i18n/services/main')).default.locale('es')
    const shown = await previewLines(
      { id: started.id, organizationId: org.id },
      (await importDefinition(COMPANIES, org.id))!,
      (k, v) => i18n.t(k, v ?? {}),
      'es',
      { outcome: 'rejected' }
    )
    assert.equal(shown.lines[0].line, 2)
    assert.equal(shown.lines[0].reason, 'El valor de Nivel no está entre sus opciones')

    // A line parsed in the spellings the export does not write (code, DD/MM/YYYY, yes, e-mail).
    const fixed = await importFile(
      org,
      admin,
      'bien.csv',
      [
        'Nombre;Nivel;Presupuesto;Renovación;Activa;Gestor;Código;Zonas',
        'Seis;PLATA;1234,5;15/01/2027;yes;lucia@example.com;C6;sur|Norte',
      ].join('\r\n')
    )
    await previewImport(fixed.id)
    await commitImport(fixed.id)
    const six = (await valuesByName(org))['Seis']!
    assert.equal(six.nivel, 'plata')
    assert.equal(six.presupuesto, '1234.50')
    assert.equal(six.renovacion, '2027-01-15')
    assert.isTrue(six.activa)
    assert.isNumber(six.gestor)
    assert.deepEqual(six.zonas, ['sur', 'norte'])
    void existing
  })

  test('updates show field-level changes; a rollback restores custom values and drops created ones', async ({
    assert,
  }) => {
    const { org, admin } = await world()
    const existing = await company(org, 'Existente S.L.')
    await setValues(org, new Map([[existing, { nivel: 'plata', activa: false, zonas: ['este'] }]]))
    const started = await importFile(
      org,
      admin,
      'cambios.csv',
      [
        'Nombre;Nivel;Activa;Zonas;Comentario',
        'Existente S.L.;Oro;Sí;Norte, Sur;',
        'Nueva S.L.;Oro;No;;Hola',
      ].join('\r\n')
    )
    await previewImport(started.id)
    const lines = await db.from('import_lines').where('run_id', started.id).orderBy('line')
    assert.equal(lines[0].outcome, 'update')
    assert.deepEqual(JSON.parse(lines[0].changes), [
      { field: 'cf.nivel', from: 'plata', to: 'oro' },
      { field: 'cf.activa', from: '0', to: '1' },
      { field: 'cf.zonas', from: 'este', to: 'norte, sur' },
    ])
    assert.equal(lines[1].outcome, 'create')
    // The preview shows them readable: labels, yes/no.
    const { previewLines } = await import('#app/import/pages')
    const { importDefinition } = await import('#app/import/runs')
    const i18n = (await import('@adonisjs/i18n/services/main')).default.locale('es')
    const shown = await previewLines(
      { id: started.id, organizationId: org.id },
      (await importDefinition(COMPANIES, org.id))!,
      (k, v) => i18n.t(k, v ?? {}),
      'es',
      { outcome: 'update' }
    )
    assert.deepEqual(
      shown.lines[0].changes.map((c) => [c.label, c.from, c.to]),
      [
        ['Nivel', 'Plata', 'Oro'],
        ['Activa', 'No', 'Sí'],
        ['Zonas', 'Este', 'Norte, Sur'],
      ]
    )
    await commitImport(started.id)
    let values = await valuesByName(org)
    assert.deepInclude(values['Existente S.L.'], {
      nivel: 'oro',
      activa: true,
      zonas: ['norte', 'sur'],
    })
    assert.deepInclude(values['Nueva S.L.'], { nivel: 'oro', activa: false, comentario: 'Hola' })
    const created = await db
      .from('crm_companies')
      .where({ organization_id: org.id, name: 'Nueva S.L.' })
      .firstOrFail()
    // Its history reads as the form writes it: choice labels, yes/no as booleans.
    const audited = async (action: string) =>
      (
        await db
          .from('audit_logs')
          .where('organization_id', org.id)
          .where('subject_type', 'crm.company')
          .where('subject_id', existing)
          .where('action', action)
          .orderBy('id')
          .select('field', 'old_value', 'new_value')
      ).map((r) => [r.field, r.old_value, r.new_value])
    assert.deepEqual(await audited('update'), [
      ['cf.nivel', 'Plata', 'Oro'],
      ['cf.activa', 'false', 'true'],
      ['cf.zonas', 'Este', 'Norte, Sur'],
    ])
    const timelineOf = async (kind: string) =>
      JSON.parse(
        (
          await db
            .from('timeline_events')
            .where('organization_id', org.id)
            .where('subject_id', existing)
            .where('kind', kind)
            .firstOrFail()
        ).data
      ).changes
    assert.deepEqual(await timelineOf('updated'), [
      { field: 'cf.nivel', from: 'Plata', to: 'Oro' },
      { field: 'cf.activa', from: false, to: true },
      { field: 'cf.zonas', from: 'Este', to: 'Norte, Sur' },
    ])

    await rollbackImport(started.id)
    assert.deepEqual(await timelineOf('import_reverted'), [
      { field: 'cf.nivel', from: 'Oro', to: 'Plata' },
      { field: 'cf.activa', from: true, to: false },
      { field: 'cf.zonas', from: 'Norte, Sur', to: 'Este' },
    ])
    values = await valuesByName(org)
    assert.notProperty(values, 'Nueva S.L.')
    assert.deepInclude(values['Existente S.L.'], { nivel: 'plata', activa: false, zonas: ['este'] })
    assert.lengthOf(await db.from('custom_field_values').where('record_id', created.id), 0)
  })

  test('contacts: exported with their fields and imported back unmapped', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['crm'])
    const actor = { organizationId: org.id, actorId: admin.id }
    await saveField(actor, 'crm.contacts', { ...base, label: 'Cumpleaños', type: 'date' } as any)
    await saveField(actor, 'crm.contacts', { ...base, label: 'Boletín', type: 'boolean' } as any)
    await client
      .post('/crm/contacts')
      .json({
        firstName: 'Ana',
        lastName: 'García',
        emails: [{ address: 'ana@acme.es' }],
        customFields: { cumpleanos: '1990-05-04', boletin: true },
      })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    const exported = await client.get('/crm/contacts/export').loginAs(admin)
    const [header, row] = exported
      .text()
      .replace(/^\uFEFF/, '')
      .split('\r\n')
    assert.deepEqual(header.split(';').slice(-2), ['Cumpleaños', 'Boletín'])
    assert.deepEqual(row.split(';').slice(-2), ['1990-05-04', 'Sí'])

    await db.from('custom_field_values').where('organization_id', org.id).delete()
    await db.from('crm_emails').where('organization_id', org.id).whereNotNull('contact_id').delete()
    await db.from('crm_contacts').where('organization_id', org.id).delete()
    const path = join(dir, 'contactos.csv')
    await writeFile(path, exported.text())
    const started = await startImport({
      organizationId: org.id,
      userId: admin.id,
      resource: 'crm.contacts',
      path,
      fileName: 'contactos.csv',
    })
    assert.includeMembers(started.mapping, ['cf.cumpleanos', 'cf.boletin'])
    await previewImport(started.id)
    const totals = await commitImport(started.id)
    assert.equal(totals.created, 1)
    const contact = await db.from('crm_contacts').where('organization_id', org.id).firstOrFail()
    const values = await loadCustomValues(org.id, 'crm.contacts', [Number(contact.id)])
    assert.deepEqual(values.get(Number(contact.id)), { cumpleanos: '1990-05-04', boletin: true })
  })
})
