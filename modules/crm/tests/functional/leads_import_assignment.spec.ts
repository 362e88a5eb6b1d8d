import { test } from '@japa/runner'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createTeam, createUser } from '#tests/helpers/world'
import { dbTimestamp } from '#app/support/dates'
import { startImport } from '#app/import/start'
import { previewImport } from '#app/import/preview'
import { commitImport } from '#app/import/commit'
import { insertRule } from '../assignment_helpers.js'
import { leadsUser } from '../leads_helpers.js'
import { OpenCounts, decideNewLeads } from '../../assignment/assign_leads.js'

/*
 * An import's new leads without owner go through the assignment rules in the same batch: the
 * owners (and teams) the rules pick are written for the whole batch at once, and each new lead
 * gets one search document, carrying the owner it ended up with.
 */

let dir = ''

test.group('Leads import: assignment and search documents', (group) => {
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cartera-leads-assign-'))
    return () => rm(dir, { recursive: true, force: true })
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('rules give owners and teams per lead; one search document each, with its owner', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const [ana, luis, eva] = [
      await leadsUser(org, 'own'),
      await leadsUser(org, 'own'),
      await leadsUser(org, 'own'),
    ]
    const team = await createTeam(org, admin, [luis], 'Sur')
    await insertRule(org, {
      position: 0,
      strategy: 'fixed',
      fixedUserId: ana.id,
      conditions: { sources: ['feria'] },
    })
    await insertRule(org, {
      position: 1,
      strategy: 'fixed',
      fixedUserId: luis.id,
      teamId: team.id,
      conditions: { sources: ['web'] },
    })
    const path = join(dir, 'reparto.csv')
    await writeFile(
      path,
      [
        'Iniciativa;Empresa;Correo;Origen;Comercial',
        'Feria uno;Alfa S.L.;uno@alfa.es;Feria;',
        'Web uno;Beta S.L.;uno@beta.es;Web;',
        'Feria dos;Gamma S.L.;dos@gamma.es;Feria;',
        'Sin regla;Delta S.L.;uno@delta.es;Teléfono;',
        `Con dueño;Épsilon S.L.;uno@epsilon.es;Web;${eva.fullName}`,
      ].join('\n')
    )
    const run = await startImport({
      organizationId: org.id,
      userId: admin.id,
      resource: 'crm.leads',
      path,
      fileName: 'reparto.csv',
    })
    const preview = await previewImport(run.id)
    assert.equal(preview.totals.created, 5)
    await commitImport(run.id, { batchSize: 3 })

    const leads = await db
      .from('crm_leads')
      .where('organization_id', org.id)
      .orderBy('id')
      .select('id', 'title', 'owner_id', 'team_id')
    const byTitle = Object.fromEntries(
      leads.map((l) => [
        l.title,
        {
          owner: l.owner_id === null ? null : Number(l.owner_id),
          team: l.team_id === null ? null : Number(l.team_id),
        },
      ])
    )
    assert.deepEqual(byTitle, {
      'Feria uno': { owner: ana.id, team: null },
      'Web uno': { owner: luis.id, team: team.id },
      'Feria dos': { owner: ana.id, team: null },
      'Sin regla': { owner: null, team: null },
      'Con dueño': { owner: eva.id, team: null },
    })
    const documents = await db
      .from('search_documents')
      .where({ organization_id: org.id, resource: 'crm.leads' })
      .select('record_id', 'owner_id')
    assert.lengthOf(documents, leads.length)
    for (const lead of leads) {
      const own = documents.filter((d) => Number(d.record_id) === Number(lead.id))
      assert.lengthOf(own, 1, `one document for ${lead.title}`)
      assert.equal(
        own[0].owner_id === null ? null : Number(own[0].owner_id),
        lead.owner_id === null ? null : Number(lead.owner_id),
        `the document of ${lead.title} carries its owner`
      )
    }
    // Every lead without owner in the file went through the rules (the one with an owner did not).
    const decided = await db
      .from('crm_lead_assignments')
      .where('organization_id', org.id)
      .count('* as n')
    assert.equal(Number(decided[0].n), 4)
  })

  /** Ana and Luis, the two members of a least-loaded rule. */
  async function twoMembers() {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const ana = await leadsUser(org, 'own')
    const luis = await leadsUser(org, 'own')
    await insertRule(org, {
      strategy: 'least_loaded',
      members: [{ userId: ana.id }, { userId: luis.id }],
    })
    return { org, admin, ana, luis }
  }

  test('open-lead counts go on from batch to batch, with the leads the file gave an owner', async ({
    assert,
  }) => {
    const { org, admin, ana, luis } = await twoMembers()
    const path = join(dir, 'carga.csv')
    await writeFile(
      path,
      [
        'Iniciativa;Correo;Comercial',
        'Uno;uno@carga.es;',
        `Propia;propia@carga.es;${ana.fullName}`,
        'Dos;dos@carga.es;',
        'Tres;tres@carga.es;',
      ].join('\n')
    )
    const run = await startImport({
      organizationId: org.id,
      userId: admin.id,
      resource: 'crm.leads',
      path,
      fileName: 'carga.csv',
    })
    await previewImport(run.id)
    await commitImport(run.id, { batchSize: 2 })
    const names = new Map([
      [ana.id, 'ana'],
      [luis.id, 'luis'],
    ])
    const leads = await db
      .from('crm_leads')
      .where('organization_id', org.id)
      .select('title', 'owner_id')
    // Batch 1: Ana gets "Uno" (both at 0), then her own "Propia": Ana 2, Luis 0 for batch 2.
    assert.deepEqual(Object.fromEntries(leads.map((l) => [l.title, names.get(l.owner_id)])), {
      Uno: 'ana',
      Propia: 'ana',
      Dos: 'luis',
      Tres: 'luis',
    })
  })

  test('kept open-lead counts are read again after anything else was written', async ({
    assert,
  }) => {
    const { org, ana, luis } = await twoMembers()
    const facts = {
      id: 0,
      source: null,
      province: null,
      postalCode: null,
      sector: null,
      companySize: null,
      productInterest: null,
      language: null,
    }
    const kept = new OpenCounts()
    const chosen = await db.transaction(async (trx) => {
      const first = await decideNewLeads(trx, org.id, [facts], kept)
      await kept.seal(trx)
      // Two open leads of Luis written by someone else between two batches.
      const now = dbTimestamp()
      for (const title of ['Ajena uno', 'Ajena dos'])
        await trx.table('crm_leads').insert({
          organization_id: org.id,
          title,
          name_normalized: title.toLowerCase(),
          status: 'new',
          owner_id: luis.id,
          created_at: now,
          updated_at: now,
        })
      const second = await decideNewLeads(trx, org.id, [facts], kept)
      return [first.decisions[0], second.decisions[0]]
    })
    assert.equal(chosen[0].userId, ana.id)
    // Counted again: Ana 0 (the first lead was never written), Luis 2. Kept: Ana 1, Luis 0.
    assert.equal(chosen[1].userId, ana.id)
    assert.deepEqual(
      chosen[1].candidates.map((c) => c.open),
      [0, 2]
    )
  })
})
