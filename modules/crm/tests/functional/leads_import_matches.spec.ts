import { test } from '@japa/runner'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser, crud } from '#tests/helpers/world'
import { startImport } from '#app/import/start'
import { previewImport } from '#app/import/preview'
import { commitImport } from '#app/import/commit'
import { companyNameKey } from '../../support/keys.js'
import { insertCompany, insertContact } from '../helpers.js'

/*
 * The lead import's preview says which lines match an existing company (NIF, name) or contact
 * (e-mail, phone), besides the lead-duplicate keys: only records the importer may see, read in
 * batches. The note changes nothing the line does.
 */

let dir = ''

async function channel(
  org: number,
  table: 'crm_emails' | 'crm_phones',
  contactId: number,
  value: string
) {
  await db.table(table).insert({
    organization_id: org,
    contact_id: contactId,
    value,
    value_normalized: value,
    is_primary: true,
    position: 0,
  })
}

test.group('Leads import: preview notes matching companies and contacts', (group) => {
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cartera-leads-matches-'))
    return () => rm(dir, { recursive: true, force: true })
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('NIF, company name, e-mail and phone; nothing out of scope is named', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    const other = await createUser(org, {})
    const rep = await createUser(org, {
      permissions: [
        ...crud('crm.leads'),
        ...crud('crm.companies', ['view']),
        ...crud('crm.contacts', ['view']),
      ],
      scopes: { 'crm.leads': 'all', 'crm.companies': 'own', 'crm.contacts': 'own' },
    })
    const mine = (name: string, extra: Record<string, unknown> = {}) =>
      insertCompany(org, { name, name_key: companyNameKey(name), owner_id: rep.id, ...extra })
    await mine('Talleres Gómez S.L.', { nif: 'B12345674' })
    await mine('Hierros Beta S.A.')
    await insertCompany(org, {
      name: 'Secreta S.L.',
      name_key: companyNameKey('Secreta S.L.'),
      owner_id: other.id,
    })
    const ana = await insertContact(org, { first_name: 'Ana', last_name: 'Ruiz', owner_id: rep.id })
    await channel(org.id, 'crm_emails', ana, 'ana@ruiz.es')
    const luis = await insertContact(org, {
      first_name: 'Luis',
      last_name: 'Gil',
      owner_id: rep.id,
    })
    await channel(org.id, 'crm_phones', luis, '+34611222333')
    const eva = await insertContact(org, { first_name: 'Eva', last_name: 'Sanz', owner_id: rep.id })
    await channel(org.id, 'crm_emails', eva, 'eva@sanz.es')
    const hidden = await insertContact(org, {
      first_name: 'Oculta',
      last_name: 'Persona',
      owner_id: other.id,
    })
    await channel(org.id, 'crm_emails', hidden, 'oculta@secreta.es')

    const path = join(dir, 'coincidencias.csv')
    await writeFile(
      path,
      [
        'Iniciativa;Empresa;NIF/CIF;Correo;Teléfono',
        'Por NIF;Otro nombre S.L.;B-12345674;;',
        'Por nombre;HIERROS BETA, S.A.;;;',
        'Por correo;;;ANA@ruiz.es;',
        'Por teléfono;;;;611 22 23 33',
        'Las dos;TALLERES GOMEZ, S.L.;;eva@sanz.es;',
        'Fuera de alcance;Secreta S.L.;;oculta@secreta.es;',
        'Nada;Nueva S.L.;;nadie@nueva.es;',
      ].join('\n')
    )
    const run = await startImport({
      organizationId: org.id,
      userId: rep.id,
      resource: 'crm.leads',
      path,
      fileName: 'coincidencias.csv',
    })
    const { totals } = await previewImport(run.id)
    assert.deepEqual(totals, { created: 7, updated: 0, duplicates: 0, rejected: 0 })
    const lines = await db.from('import_lines').where('run_id', run.id).orderBy('line')
    const note = (line: number) => {
      const row = lines.find((l) => l.line === line)
      assert.equal(row.outcome, 'create')
      return row.reason ? JSON.parse(row.reason) : null
    }
    assert.deepEqual(note(2), {
      key: 'crm.leads.import.matches_company',
      values: { company: 'Talleres Gómez S.L.' },
    })
    assert.deepEqual(note(3), {
      key: 'crm.leads.import.matches_company',
      values: { company: 'Hierros Beta S.A.' },
    })
    assert.deepEqual(note(4), {
      key: 'crm.leads.import.matches_contact',
      values: { contact: 'Ana Ruiz' },
    })
    assert.deepEqual(note(5), {
      key: 'crm.leads.import.matches_contact',
      values: { contact: 'Luis Gil' },
    })
    assert.deepEqual(note(6), {
      key: 'crm.leads.import.matches_both',
      values: { company: 'Talleres Gómez S.L.', contact: 'Eva Sanz' },
    })
    assert.isNull(note(7), 'a company and a contact the importer cannot see are not named')
    assert.isNull(note(8))

    // The notes change nothing the commit does.
    const committed = await commitImport(run.id)
    assert.equal(committed.created, 7)
  })
})
