import { test } from '@japa/runner'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { join } from 'node:path'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import type User from '#models/user'
import { createOrganization, createUser } from '#tests/helpers/world'
import { startImport } from '#app/import/start'
import { previewImport } from '#app/import/preview'
import { commitImport } from '#app/import/commit'
import { rollbackImport } from '#app/import/rollback'
import { loadRun } from '#app/import/runs'
import companiesImport from '../../imports/companies.js'
import { crmUser, insertCompany, insertContact } from '../helpers.js'
import { companyNameKey } from '../../support/keys.js'
import { removeOrganizations } from '../cleanup.js'
import { dialectOf } from '#app/support/bulk'

let dir = ''

async function file(name: string, text: string) {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}

async function existing(org: Organization, attrs: Record<string, unknown>, phone?: string) {
  const name = String(attrs.name)
  const id = await insertCompany(org, { name_key: companyNameKey(name), ...attrs })
  if (phone)
    await db.table('crm_phones').insert({
      organization_id: org.id,
      company_id: id,
      value: phone,
      value_normalized: phone,
      is_primary: true,
      position: 0,
    })
  return id
}

async function run(org: Organization, user: User, path: string, resource = 'crm.companies') {
  return startImport({
    organizationId: org.id,
    userId: user.id,
    resource,
    path,
    fileName: path.split('/').pop()!,
  })
}

const linesOf = (runId: number) =>
  db.from('import_lines').where('run_id', runId).orderBy('line').select('*')

test.group('Import pipeline: preview, commit, rollback', (group) => {
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cartera-import-'))
    return () => rm(dir, { recursive: true, force: true })
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every outcome and every duplicate key, with the line and key that matched', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const perez = await existing(org, { name: 'Construcciones Pérez S.L.', nif: 'B12345674' })
    const talleres = await existing(org, {
      name: 'Talleres Gómez',
      website: 'https://talleres.es',
      website_domain: 'talleres.es',
    })
    const phoneCo = await existing(org, { name: 'Fontanería Ruiz' }, '+34600112233')
    const path = await file(
      'empresas.csv',
      [
        'Nombre;NIF/CIF;Web;Correo;Teléfono;Tipo',
        'Nueva Empresa S.L.;;nueva.es;info@nueva.es;912 000 001;Prospecto',
        'NUEVA EMPRESA, S.A.;;;;;',
        'Otra Razón;b-1234567-4;;;;',
        'Talleres Gómez;;http://www.talleres.es/;;;',
        'Sin Nif;B12345675;;;;',
        'Tel Dup;;;;0034 912 000 001;',
        'Mail Co;;;  INFO@NUEVA.ES ;;',
        'Web Dup;;https://www.nueva.es/contacto;;;',
        'Fontanería Ruiz Hermanos;;;;600 11 22 33;',
        '=HYPERLINK("http://x");;;;;',
      ].join('\r\n')
    )
    const started = await run(org, admin, path)
    assert.deepEqual(started.mapping, ['name', 'nif', 'website', 'email', 'phone', 'type'])
    const { totals } = await previewImport(started.id)
    assert.deepEqual(totals, { created: 2, updated: 2, duplicates: 5, rejected: 1 })
    const lines = await linesOf(started.id)
    const byLine = new Map(lines.map((l) => [l.line, l]))
    const expect = (line: number, outcome: string, of?: string, key?: string) => {
      const l = byLine.get(line)
      assert.equal(l.outcome, outcome, `line ${line}`)
      if (of) assert.equal(`${l.of_kind} ${l.of_id}`, of, `line ${line}`)
      if (key) assert.equal(l.key, key, `line ${line}`)
    }
    expect(2, 'create')
    expect(3, 'duplicate', 'line 2', 'name')
    expect(4, 'update', `record ${perez}`, 'nif')
    assert.deepEqual(JSON.parse(byLine.get(4).changes), [
      { field: 'name', from: 'Construcciones Pérez S.L.', to: 'Otra Razón' },
    ])
    expect(5, 'duplicate', `record ${talleres}`, 'domain')
    expect(6, 'rejected')
    assert.deepEqual(JSON.parse(byLine.get(6).reason), {
      key: 'crm.import.reasons.nif',
      values: { value: 'B12345675' },
    })
    expect(7, 'duplicate', 'line 2', 'phone')
    expect(8, 'duplicate', 'line 2', 'email')
    expect(9, 'duplicate', 'line 2', 'domain')
    expect(10, 'update', `record ${phoneCo}`, 'phone')
    expect(11, 'create')
    // Nothing written by the preview.
    assert.lengthOf(await db.from('crm_companies').where('organization_id', org.id), 3)

    const committed = await commitImport(started.id)
    assert.deepEqual(committed, totals)
    const companies = await db
      .from('crm_companies')
      .where('organization_id', org.id)
      .orderBy('id')
      .select('id', 'name', 'type', 'website', 'website_domain', 'name_key')
    assert.lengthOf(companies, 5)
    assert.equal(companies.find((c) => c.id === perez).name, 'Otra Razón')
    const nueva = companies.find((c) => c.name === 'Nueva Empresa S.L.')
    assert.include(nueva, {
      type: 'prospecto',
      website: 'https://nueva.es',
      website_domain: 'nueva.es',
    })
    assert.equal(
      (await db.from('crm_phones').where('company_id', nueva.id).first()).value,
      '+34912000001'
    )
    assert.isOk(companies.find((c) => c.name === `'=HYPERLINK("http://x")`))
    const run2 = (await loadRun(started.id))!
    assert.equal(run2.status, 'committed')
    assert.equal(run2.committedLine, 11)
    const audit = await db
      .from('audit_logs')
      .where('subject_type', 'crm.company')
      .where('subject_id', perez)
      .select('action', 'field', 'old_value', 'new_value')
    assert.deepEqual(audit, [
      {
        action: 'update',
        field: 'name',
        old_value: 'Construcciones Pérez S.L.',
        new_value: 'Otra Razón',
      },
    ])

    const undone = await rollbackImport(started.id)
    assert.deepEqual(undone, { removed: 2, restored: 2 })
    const after = await db
      .from('crm_companies')
      .where('organization_id', org.id)
      .orderBy('id')
      .select('id', 'name')
    assert.deepEqual(
      after.map((c) => c.name),
      ['Construcciones Pérez S.L.', 'Talleres Gómez', 'Fontanería Ruiz']
    )
    assert.lengthOf(await db.from('crm_phones').where('organization_id', org.id), 1)
    const reverted = await db
      .from('timeline_events')
      .where('subject_type', 'crm.company')
      .where('subject_id', perez)
      .where('kind', 'import_reverted')
      .first()
    assert.deepEqual(JSON.parse(reverted.data).changes, [
      { field: 'name', from: 'Otra Razón', to: 'Construcciones Pérez S.L.' },
    ])
    assert.equal((await loadRun(started.id))!.status, 'rolled_back')
  })

  test('a batch of updates: primary channels and main address changed or added, search follows; undo', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const channel = (
      table: string,
      companyId: number,
      value: string,
      primary: boolean,
      position = 0
    ) =>
      db.table(table).insert({
        organization_id: org.id,
        company_id: companyId,
        value,
        value_normalized: value,
        is_primary: primary,
        position,
      })
    const address = (companyId: number, kind: string, city: string, position: number) =>
      db.table('crm_addresses').insert({
        organization_id: org.id,
        company_id: companyId,
        kind,
        city,
        city_normalized: city.toLowerCase(),
        country: 'ES',
        position,
      })
    // A: channels and two addresses (the fiscal one second); B: nothing; C: renamed, one contact.
    const a = await existing(org, { name: 'Alfa S.L.', nif: 'B11111119' })
    await channel('crm_emails', a, 'otro@alfa.es', false, 0)
    await channel('crm_emails', a, 'info@alfa.es', true, 1)
    await channel('crm_phones', a, '+34911111111', true)
    await address(a, 'envio', 'Toledo', 0)
    await address(a, 'fiscal', 'Madrid', 1)
    const b = await existing(org, { name: 'Beta S.L.', nif: 'B22222228' })
    const c = await existing(org, { name: 'Gamma S.L.', nif: 'B33333337' })
    const person = await insertContact(org, { company_id: c })
    const path = await file(
      'cambios.csv',
      [
        'Nombre;NIF/CIF;Correo;Teléfono;Localidad',
        'Alfa S.L.;B11111119;nuevo@alfa.es;912 222 222;Sevilla',
        'Beta S.L.;B22222228;hola@beta.es;913 333 333;Cádiz',
        'Gamma Renombrada S.L.;B33333337;;;',
      ].join('\r\n')
    )
    const started = await run(org, admin, path)
    await previewImport(started.id)
    assert.deepEqual(await commitImport(started.id), {
      created: 0,
      updated: 3,
      duplicates: 0,
      rejected: 0,
    })
    const values = async (table: string, id: number, column = 'value') =>
      (await db.from(table).where('company_id', id).orderBy('id').select(column)).map(
        (r) => r[column]
      )
    assert.deepEqual(await values('crm_emails', a), ['otro@alfa.es', 'nuevo@alfa.es'])
    assert.deepEqual(await values('crm_phones', a), ['+34912222222'])
    assert.deepEqual(await values('crm_addresses', a, 'city'), ['Toledo', 'Sevilla'])
    assert.deepEqual(await values('crm_emails', b), ['hola@beta.es'])
    assert.deepEqual(await values('crm_phones', b), ['+34913333333'])
    assert.deepEqual(await values('crm_addresses', b, 'city'), ['Cádiz'])
    const doc = (resource: string, id: number) =>
      db
        .from('search_documents')
        .where('organization_id', org.id)
        .where('resource', resource)
        .where('record_id', id)
        .first()
    assert.include((await doc('crm.companies', a)).body, 'nuevo alfa es')
    assert.include((await doc('crm.companies', b)).body, '34913333333')
    assert.equal((await doc('crm.companies', c)).title, 'Gamma Renombrada S.L.')
    assert.include((await doc('crm.contacts', person)).subtitle, 'Gamma Renombrada S.L.')
    assert.lengthOf(
      await db
        .from('search_documents')
        .where('organization_id', org.id)
        .where('resource', 'crm.companies'),
      3
    )

    assert.deepEqual(await rollbackImport(started.id), { removed: 0, restored: 3 })
    assert.deepEqual(await values('crm_emails', a), ['otro@alfa.es', 'info@alfa.es'])
    assert.deepEqual(await values('crm_phones', a), ['+34911111111'])
    assert.deepEqual(await values('crm_addresses', a, 'city'), ['Toledo', 'Madrid'])
    assert.deepEqual(await values('crm_emails', b), [])
    assert.deepEqual(await values('crm_phones', b), [])
    assert.equal((await doc('crm.companies', c)).title, 'Gamma S.L.')
    assert.include((await doc('crm.contacts', person)).subtitle, 'Gamma S.L.')
    assert.notInclude((await doc('crm.companies', b)).body, '913333333')
  })

  test('across batches the commit does as the preview said: a record or line matched again is a duplicate', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const acme = await existing(org, { name: 'Acme S.L.', nif: 'B12345674' })
    // Batches of two lines: each later match sits in another batch than the line it repeats.
    const path = await file(
      'batches.csv',
      [
        'Nombre;NIF;Correo',
        'Acme Renombrada;B12345674;',
        'Nueva S.L.;;hola@nueva.es',
        'Acme Otra Vez;b-1234567-4;',
        'Nueva Repetida;;HOLA@NUEVA.ES',
        'Tercera S.L.;;t@tercera.es',
      ].join('\n')
    )
    const started = await run(org, admin, path)
    const { totals } = await previewImport(started.id)
    assert.deepEqual(totals, { created: 2, updated: 1, duplicates: 2, rejected: 0 })
    assert.deepEqual(await commitImport(started.id, { batchSize: 2 }), totals)
    const companies = await db
      .from('crm_companies')
      .where('organization_id', org.id)
      .orderBy('id')
      .select('id', 'name')
    assert.deepEqual(
      companies.map((c) => c.name),
      ['Acme Renombrada', 'Nueva S.L.', 'Tercera S.L.']
    )
    assert.equal(companies[0].id, acme)
    const items = await db.from('import_items').where('run_id', started.id).orderBy('line')
    assert.deepEqual(
      items.map((i) => [i.line, i.action]),
      [
        [2, 'update'],
        [3, 'create'],
        [6, 'create'],
      ]
    )
  })

  test('a failed batch lands nothing and the commit resumes after the last batch that landed', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const path = await file(
      'resume.csv',
      [
        'Nombre;Correo',
        'Uno;a@x.es',
        'Dos;b@x.es',
        'Tres;c@x.es',
        'Uno otra vez;A@X.ES',
        'Cinco;e@x.es',
      ].join('\n')
    )
    const started = await run(org, admin, path)
    await previewImport(started.id)
    const create = companiesImport.create
    let calls = 0
    companiesImport.create = async (rows, ctx) => {
      if (++calls === 2) {
        await create(rows, ctx) // written, then the batch fails: it must all roll back
        throw new Error('disk full')
      }
      return create(rows, ctx)
    }
    try {
      await assert.rejects(() => commitImport(started.id, { batchSize: 2 }), 'disk full')
    } finally {
      companiesImport.create = create
    }
    const names = async () =>
      (await db.from('crm_companies').where('organization_id', org.id).orderBy('id')).map(
        (c) => c.name
      )
    assert.deepEqual(await names(), ['Uno', 'Dos'])
    let stored = (await loadRun(started.id))!
    assert.equal(stored.committedLine, 3)
    await db.from('import_runs').where('id', started.id).update({ status: 'failed' })
    await commitImport(started.id, { batchSize: 2 })
    assert.deepEqual(await names(), ['Uno', 'Dos', 'Tres', 'Cinco'])
    stored = (await loadRun(started.id))!
    assert.deepEqual(stored.totals, { created: 4, updated: 0, duplicates: 1, rejected: 0 })
    assert.lengthOf(await db.from('import_items').where('run_id', started.id), 4)
  })

  test('updates respect the edit scope; a header-only file is refused', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const other = await crmUser(org, 'own')
    await existing(org, { name: 'Ajena S.L.', nif: 'B12345674', owner_id: other.id })
    const mine = await existing(org, { name: 'Mía S.L.', nif: 'A58818501', owner_id: rep.id })
    const path = await file('scope.csv', 'NIF;Nombre\nB12345674;Ajena Nueva\nA58818501;Mía Nueva\n')
    const started = await run(org, rep, path)
    const { totals } = await previewImport(started.id)
    assert.deepEqual(totals, { created: 0, updated: 1, duplicates: 0, rejected: 1 })
    const lines = await linesOf(started.id)
    assert.equal(JSON.parse(lines[0].reason).key, 'import.reasons.not_editable')
    assert.isNull(lines[0].of_id)
    assert.equal(lines[1].of_id, mine)

    const headerOnly = await run(org, rep, await file('header.csv', 'Nombre;NIF\r\n'))
    await previewImport(headerOnly.id)
    const failed = (await loadRun(headerOnly.id))!
    assert.equal(failed.status, 'failed')
    assert.equal(failed.error?.key, 'import.errors.header_only')
  })
  test('a line matching a company in the recycle bin is refused, not written into it', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const binned = await existing(
      org,
      { name: 'Papelera S.L.', nif: 'B12345674', owner_id: user.id, deleted_at: new Date() },
      '+34912000111'
    )
    const path = await file(
      'bin.csv',
      'NIF;Nombre;Teléfono\nB12345674;Papelera Nueva;\n;Otra;912 000 111\n'
    )
    const started = await run(org, user, path)
    const { totals } = await previewImport(started.id)
    assert.deepEqual(totals, { created: 0, updated: 0, duplicates: 0, rejected: 2 })
    for (const line of await linesOf(started.id)) {
      assert.equal(JSON.parse(line.reason).key, 'import.reasons.binned')
      assert.isNull(line.of_id)
    }
    const row = await db.from('crm_companies').where('id', binned).firstOrFail()
    assert.equal(row.name, 'Papelera S.L.')
  })

  test('contacts: matched by e-mail or phone, company by name in scope; rollback restores', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const acme = await existing(org, { name: 'Acme S.L.' })
    const ana = await insertContact(org, {
      first_name: 'Ana',
      last_name: 'García',
      position: 'Compras',
    })
    await db.table('crm_emails').insert({
      organization_id: org.id,
      contact_id: ana,
      value: 'ana@acme.es',
      value_normalized: 'ana@acme.es',
      is_primary: true,
      position: 0,
    })
    const path = await file(
      'contactos.csv',
      [
        'Nombre,Apellidos,Empresa,Correo,Cargo',
        'Ana,García,ACME SL, ANA@ACME.ES ,Gerente',
        'Luis,Pérez,Acme,luis@acme.es,',
        'Eva,Ruiz,Desconocida S.A.,eva@x.es,',
      ].join('\n')
    )
    const started = await run(org, admin, path, 'crm.contacts')
    const { totals } = await previewImport(started.id)
    assert.deepEqual(totals, { created: 1, updated: 1, duplicates: 0, rejected: 1 })
    const lines = await linesOf(started.id)
    assert.deepEqual(JSON.parse(lines[0].changes), [
      { field: 'company', from: null, to: 'Acme S.L.' },
      { field: 'position', from: 'Compras', to: 'Gerente' },
    ])
    assert.equal(lines[0].key, 'email')
    assert.equal(JSON.parse(lines[2].reason).key, 'crm.import.reasons.company')
    await commitImport(started.id)
    const updated = await db.from('crm_contacts').where('id', ana).first()
    assert.include(updated, { company_id: acme, position: 'Gerente' })
    const luisRow = () =>
      db.from('crm_contacts').where({ organization_id: org.id, first_name: 'Luis' }).first()
    const luis = await luisRow()
    assert.equal(luis.company_id, acme)
    await rollbackImport(started.id)
    const restored = await db.from('crm_contacts').where('id', ana).first()
    assert.include(restored, { company_id: null, position: 'Compras' })
    assert.isNull(await luisRow())
    assert.lengthOf(await db.from('crm_emails').where('value', 'luis@acme.es'), 0)
  })
  test('contacts: multi-row inserts, namesakes with their own channels; a binned company is not found', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const acme = await existing(org, { name: 'Acme S.L.' })
    await existing(org, { name: 'Papelera S.A.', deleted_at: new Date() })
    const lines = ['Nombre,Apellidos,Empresa,Correo,Teléfono']
    for (let i = 0; i < 30; i++)
      lines.push(
        `Juan,García,${i % 2 ? 'Acme' : ''},juan${i}@acme.es,6${String(i).padStart(8, '0')}`
      )
    lines.push('Eva,Ruiz,Papelera,eva@papelera.es,')
    const started = await run(
      org,
      admin,
      await file('juanes.csv', lines.join('\n')),
      'crm.contacts'
    )
    const { totals } = await previewImport(started.id)
    assert.deepEqual(totals, { created: 30, updated: 0, duplicates: 0, rejected: 1 })
    assert.equal(
      JSON.parse((await linesOf(started.id))[30].reason).key,
      'crm.import.reasons.company'
    )
    await commitImport(started.id, { batchSize: 7 })
    const juanes = await db
      .from('crm_contacts')
      .where('organization_id', org.id)
      .where('first_name', 'Juan')
      .orderBy('id')
      .select('id', 'company_id')
    assert.lengthOf(juanes, 30)
    const emails = await db
      .from('crm_emails')
      .whereIn(
        'contact_id',
        juanes.map((j) => j.id)
      )
      .select('contact_id', 'value')
    const phones = await db
      .from('crm_phones')
      .whereIn(
        'contact_id',
        juanes.map((j) => j.id)
      )
      .select('contact_id', 'value')
    juanes.forEach((j, i) => {
      assert.equal(j.company_id, i % 2 ? acme : null)
      assert.deepEqual(
        emails.filter((e) => e.contact_id === j.id).map((e) => e.value),
        [`juan${i}@acme.es`]
      )
      assert.lengthOf(
        phones.filter((p) => p.contact_id === j.id),
        1
      )
    })
    const items = await db.from('import_items').where('run_id', started.id).orderBy('line')
    assert.deepEqual(
      items.map((it) => Number(it.subject_id)),
      juanes.map((j) => Number(j.id))
    )
  })
})

/** Waits until a tag is written, committed or not (a dirty read sees another's insert). */
async function uncommittedTag(organizationId: number, name: string) {
  for (;;) {
    const seen = await db.transaction(
      (t) =>
        t.from('org_tags').where('organization_id', organizationId).where('name', name).first(),
      { isolationLevel: 'read uncommitted' }
    )
    if (seen) return
    await sleep(20)
  }
}

/*
 * Outside a global transaction: on MySQL/MariaDB a commit writes two batches at once, each on
 * its own connection (app/import/commit.ts), which a test's single transaction would hide.
 */
test.group('Import commit: batches written at once', (group) => {
  const created: number[] = []
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cartera-import-'))
    return () => rm(dir, { recursive: true, force: true })
  })
  group.teardown(async () => {
    // Rows of the runs (they carry no organization id).
    const runs = (
      await db.from('import_runs').whereIn('organization_id', created).select('id')
    ).map((r) => r.id)
    for (const table of ['import_items', 'import_lines'])
      await db.from(table).whereIn('run_id', runs).delete()
    await removeOrganizations(created.splice(0))
  })

  test('a batch written beside a failed one rolls back with it; the commit resumes in file order', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    created.push(org.id)
    const admin = await createUser(org, { isAdmin: true })
    const names = ['Uno', 'Dos', 'Tres', 'Cuatro', 'Cinco', 'Seis', 'Siete']
    const path = await file('beside.csv', ['Nombre', ...names].join('\n'))
    const started = await run(org, admin, path)
    await previewImport(started.id)
    const concurrent = dialectOf(db.connection()) === 'mysql'
    const create = companiesImport.create
    let calls = 0
    let thirdWritten = () => {}
    const third = new Promise<void>((resolve) => (thirdWritten = resolve))
    companiesImport.create = async (rows, ctx) => {
      const call = ++calls
      const ids = await create(rows, ctx)
      if (call === 3) thirdWritten()
      if (call === 2) {
        // Where two batches are written at once, the third is written before this one fails
        // (were it not, the test would time out here).
        if (concurrent) await third
        throw new Error('disk full')
      }
      return ids
    }
    try {
      await assert.rejects(() => commitImport(started.id, { batchSize: 2 }), 'disk full')
    } finally {
      companiesImport.create = create
    }
    assert.equal(calls, concurrent ? 3 : 2)
    const stored = async () =>
      (await db.from('crm_companies').where('organization_id', org.id).orderBy('id')).map(
        (c) => c.name
      )
    assert.deepEqual(await stored(), ['Uno', 'Dos'])
    let after = (await loadRun(started.id))!
    assert.equal(after.committedLine, 3)
    assert.equal(after.rowsDone, 2)
    await db.from('import_runs').where('id', started.id).update({ status: 'failed' })
    await commitImport(started.id, { batchSize: 2 })
    // Batches written at once take ids as they go; they land in file order (the items below).
    assert.sameMembers(await stored(), names)
    after = (await loadRun(started.id))!
    assert.equal(after.committedLine, 8)
    assert.deepEqual(after.totals, { created: 7, updated: 0, duplicates: 0, rejected: 0 })
    const items = await db.from('import_items').where('run_id', started.id).orderBy('id')
    assert.deepEqual(
      items.map((i) => i.line),
      [2, 3, 4, 5, 6, 7, 8]
    )
    // The records' ids follow from each statement's: every item names its own line's record.
    const byName = new Map(
      (await db.from('crm_companies').where('organization_id', org.id)).map((c) => [
        c.name,
        Number(c.id),
      ])
    )
    assert.deepEqual(
      items.map((i) => Number(i.subject_id)),
      names.map((n) => byName.get(n))
    )
  })

  test('a batch waiting on a lock of the batch beside it: that one gives way and lands after it', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    created.push(org.id)
    const admin = await createUser(org, { isAdmin: true })
    // The second and third batches both create the new tag «nueva»: the third, written first,
    // holds its key while it waits for the second, which waits on that key.
    const names = ['Uno', 'Dos', 'Tres', 'Cuatro', 'Cinco', 'Seis']
    const tags = ['', '', 'nueva', '', 'nueva', '']
    const lines = names.map((n, i) => `${n};${tags[i]}`)
    const path = await file('tags.csv', ['Nombre;Etiquetas', ...lines].join('\n'))
    const started = await run(org, admin, path)
    await previewImport(started.id)
    const concurrent = dialectOf(db.connection()) === 'mysql'
    const create = companiesImport.create
    let calls = 0
    let thirdCreated = () => {}
    const third = new Promise<void>((resolve) => (thirdCreated = resolve))
    companiesImport.create = async (rows, ctx) => {
      const call = ++calls
      // The second batch goes on once the third has written its records and its new tag.
      if (call === 2 && concurrent) {
        await third
        await uncommittedTag(org.id, 'nueva')
      }
      const ids = await create(rows, ctx)
      if (call === 3) thirdCreated()
      return ids
    }
    try {
      await commitImport(started.id, { batchSize: 2, turnWaitMs: 1500 })
    } finally {
      companiesImport.create = create
    }
    // The third batch was written twice where batches are written at once.
    assert.equal(calls, concurrent ? 4 : 3)
    const companies = await db
      .from('crm_companies')
      .where('organization_id', org.id)
      .select('id', 'name')
    assert.sameMembers(
      companies.map((c) => c.name),
      names
    )
    const idOf = new Map(companies.map((c) => [c.name, Number(c.id)]))
    const tag = await db.from('org_tags').where('organization_id', org.id).select('id', 'name')
    assert.deepEqual(
      tag.map((t) => t.name),
      ['nueva']
    )
    const tagged = await db
      .from('taggings')
      .where('tag_id', tag[0].id)
      .where('resource', 'crm.companies')
      .orderBy('record_id')
      .select('record_id')
    assert.sameMembers(
      tagged.map((t) => Number(t.record_id)),
      [idOf.get('Tres'), idOf.get('Cinco')]
    )
    const items = await db.from('import_items').where('run_id', started.id).orderBy('id')
    assert.deepEqual(
      items.map((i) => [i.line, Number(i.subject_id)]),
      names.map((n, i) => [i + 2, idOf.get(n)])
    )
    const after = (await loadRun(started.id))!
    assert.equal(after.status, 'committed')
    assert.equal(after.committedLine, 7)
    assert.deepEqual(after.totals, { created: 6, updated: 0, duplicates: 0, rejected: 0 })
  })
})
