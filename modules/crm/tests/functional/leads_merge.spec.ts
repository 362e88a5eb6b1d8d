import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { dbTimestamp } from '#app/support/dates'
import { insertLead, leadsUser } from '../leads_helpers.js'

test.group('Leads: merge a duplicate lead', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('fills empty fields, moves documents, bins the other, both timelines say so', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await leadsUser(org, 'own')
    const keep = await insertLead(
      org,
      { title: 'Principal', email: 'eva@web.es', companyName: 'Web S.L.' },
      { owner_id: user.id }
    )
    const other = await insertLead(
      org,
      { title: 'Duplicada', email: 'eva@web.es', phone: '+34622222222', companyName: 'Otra' },
      { owner_id: user.id }
    )
    await db.table('documents').insert({
      organization_id: org.id,
      resource: 'crm.leads',
      record_id: other,
      original_name: 'dni.pdf',
      stored_key: `test/${org.id}/${other}/dni.pdf`,
      size: 10,
      content_type: 'application/pdf',
      sha256: 'b'.repeat(64),
      created_at: dbTimestamp(),
      updated_at: dbTimestamp(),
    })
    const page = await client.get(`/crm/leads/${keep}`).loginAs(user).withInertia()
    assert.deepEqual(
      (page.inertiaProps as any).duplicates.map((d: any) => [d.kind, d.id, d.key]),
      [['lead', other, 'email']]
    )
    const response = await client
      .post(`/crm/leads/${keep}/merge`)
      .json({ otherId: other })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(302)
    const kept = await db.from('crm_leads').where('id', keep).first()
    assert.equal(kept.phone_normalized, '+34622222222', 'an empty field is filled')
    assert.equal(kept.company_name, 'Web S.L.', 'a filled field stays')
    const binned = await db.from('crm_leads').where('id', other).first()
    assert.isNotNull(binned.deleted_at)
    assert.lengthOf(
      await db.from('bin_entries').where({ resource: 'crm.leads', record_id: other }),
      1
    )
    const doc = await db
      .from('documents')
      .where('stored_key', `test/${org.id}/${other}/dni.pdf`)
      .first()
    assert.equal(Number(doc.record_id), keep)
    for (const id of [keep, other]) {
      const kinds = await db
        .from('timeline_events')
        .where({ subject_type: 'crm.lead', subject_id: id })
        .select('kind')
      assert.include(
        kinds.map((k) => k.kind),
        'crm.lead_merged'
      )
    }
  })

  test('a duplicate out of the user scope answers 404', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await leadsUser(org, 'own')
    const stranger = await leadsUser(org, 'own')
    const keep = await insertLead(org, { title: 'Mía' }, { owner_id: user.id })
    const other = await insertLead(org, { title: 'Ajena' }, { owner_id: stranger.id })
    const response = await client
      .post(`/crm/leads/${keep}/merge`)
      .json({ otherId: other })
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(404)
    assert.isNull((await db.from('crm_leads').where('id', other).first()).deleted_at)
  })
})
