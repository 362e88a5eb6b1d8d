import { test } from '@japa/runner'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createTeam, createUser } from '#tests/helpers/world'
import { startImport } from '#app/import/start'
import { previewImport } from '#app/import/preview'
import { commitImport } from '#app/import/commit'
import { insertRule } from '../assignment_helpers.js'
import { leadsUser } from '../leads_helpers.js'

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
})
