import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import type User from '#models/user'
import { createUser, crud } from '#tests/helpers/world'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { AccessContext } from '#app/access/access_context'
import { mergeLeads } from '../../actions/leads/merge_leads.js'
import { saveField } from '#app/custom_fields/admin'
import { loadRecordValues, saveManyCustomValues } from '#app/custom_fields/values'
import { ensureTags } from '#app/tags/tags'
import { adminWorld } from '#tests/functional/admin/_helpers'
import { insertLead } from '../leads_helpers.js'
import { insertActivityRow, typeIds } from '../activities_helpers.js'
import { insertCompany } from '../helpers.js'

const LEADS = 'crm.leads'

/** A rep who may view, edit and delete leads (or only `actions`), with one scope; companies too. */
function editor(
  org: Organization,
  scope: 'own' | 'all',
  actions = ['view', 'edit', 'delete', 'convert']
) {
  return createUser(org, {
    permissions: [...crud(LEADS, actions), ...crud('crm.companies'), ...crud('crm.contacts')],
    scopes: { [LEADS]: scope, 'crm.companies': scope, 'crm.contacts': scope },
  })
}

function merge(client: any, user: User, keep: number, other: number) {
  return client
    .post(`/crm/leads/${keep}/merge`)
    .json({ otherId: other })
    .loginAs(user)
    .withCsrfToken()
    .withInertia()
    .redirects(0)
}

/** A repeating series (monthly) on a lead. */
async function insertSeries(org: Organization, leadId: number, assigneeId: number) {
  const now = dbTimestamp()
  return insertId(db.connection() as any, 'crm_activity_recurrences', {
    organization_id: org.id,
    type_id: Object.values(await typeIds(org))[0],
    subject_type: 'crm.lead',
    subject_id: leadId,
    title: 'Visita mensual',
    assignee_id: assigneeId,
    frequency: 'monthly',
    interval: 1,
    next_due_at: now,
    created_at: now,
    updated_at: now,
  })
}

const timelineOf = (id: number) =>
  db
    .from('timeline_events')
    .where({ subject_type: 'crm.lead', subject_id: id })
    .orderBy('id')
    .select('kind', 'data')

test.group('Leads: a merge carries everything', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('notes, history, activities, documents, tags, assignments and custom values move', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['crm'])
    const user = await editor(org, 'own')
    const actor = { organizationId: org.id, actorId: admin.id }
    await saveField(actor, LEADS, {
      label: 'Presupuesto anual',
      type: 'text',
      required: false,
      showInList: true,
      active: true,
    } as any)
    const keep = await insertLead(
      org,
      { title: 'Principal', email: 'eva@web.es', companyName: 'Web S.L.' },
      { owner_id: user.id }
    )
    const other = await insertLead(
      org,
      { title: 'Duplicada', email: 'eva@web.es', phone: '+34622222222', firstName: 'Eva' },
      { owner_id: user.id }
    )
    const now = dbTimestamp()
    await db.table('timeline_events').multiInsert([
      {
        organization_id: org.id,
        subject_type: 'crm.lead',
        subject_id: other,
        kind: 'created',
        data: '{}',
        created_at: now,
      },
      {
        organization_id: org.id,
        subject_type: 'crm.lead',
        subject_id: other,
        kind: 'note',
        data: JSON.stringify({ body: 'Llamó ayer' }),
        created_at: now,
      },
    ])
    const activity = await insertActivityRow(org, {
      subject_type: 'crm.lead',
      subject_id: other,
      assignee_id: user.id,
    })
    const series = await insertSeries(org, other, user.id)
    await db.table('documents').insert({
      organization_id: org.id,
      resource: LEADS,
      record_id: other,
      original_name: 'dni.pdf',
      stored_key: `test/${org.id}/${other}/dni.pdf`,
      size: 10,
      content_type: 'application/pdf',
      sha256: 'c'.repeat(64),
      created_at: now,
      updated_at: now,
    })
    const [shared, own] = await ensureTags(org.id, ['Caliente', 'Feria'])
    await db.table('taggings').multiInsert([
      {
        organization_id: org.id,
        resource: LEADS,
        record_id: keep,
        tag_id: shared.id,
        created_at: now,
      },
      {
        organization_id: org.id,
        resource: LEADS,
        record_id: other,
        tag_id: shared.id,
        created_at: now,
      },
      {
        organization_id: org.id,
        resource: LEADS,
        record_id: other,
        tag_id: own.id,
        created_at: now,
      },
    ])
    await db.table('crm_lead_assignments').insert({
      organization_id: org.id,
      lead_id: other,
      user_id: user.id,
      fallback: false,
      reason: JSON.stringify({ key: 'crm.assignment.reasons.no_rule_user' }),
      candidates: '[]',
      created_at: now,
    })
    await db.transaction((trx) =>
      saveManyCustomValues(trx, {
        organizationId: org.id,
        resource: LEADS,
        values: new Map([[other, { presupuesto_anual: '12.000 €' }]]),
      })
    )

    const response = await merge(client, user, keep, other)
    response.assertStatus(302)
    assert.notExists(response.flashMessages()?.error)

    const kept = await db.from('crm_leads').where('id', keep).first()
    assert.equal(kept.phone, '+34622222222', 'an empty field is filled')
    assert.equal(kept.first_name, 'Eva')
    assert.equal(kept.company_name, 'Web S.L.', 'a filled field stays')
    assert.deepEqual(await loadRecordValues(org.id, LEADS, keep), {
      presupuesto_anual: '12.000 €',
    })
    // The note moved; the duplicate keeps only its own birth (and the merge/bin entries).
    const keptKinds = (await timelineOf(keep)).map((e) => e.kind)
    assert.includeMembers(keptKinds, ['note', 'crm.lead_merged', 'updated'])
    const otherKinds = (await timelineOf(other)).map((e) => e.kind)
    assert.notInclude(otherKinds, 'note')
    assert.include(otherKinds, 'created')
    assert.include(otherKinds, 'crm.lead_merged')
    // The merged entry names what was filled, in words and by key.
    const merged = (await timelineOf(keep)).find((e) => e.kind === 'crm.lead_merged')!
    const data = JSON.parse(merged.data)
    assert.includeMembers(data.filled, ['firstName', 'phone', 'cf.presupuesto_anual'])
    assert.include(data.summary, 'Duplicada')
    assert.include(data.summary, 'Presupuesto anual')
    assert.include(data.summary, 'Teléfono')
    assert.deepInclude(data.moved, {
      activities: 1,
      recurrences: 1,
      documents: 1,
      tags: 1,
      assignments: 1,
    })

    const act = await db.from('crm_activities').where('id', activity).first()
    assert.equal(Number(act.subject_id), keep)
    // The repeating series moved too: its next occurrences land on the kept lead.
    const rec = await db.from('crm_activity_recurrences').where('id', series).first()
    assert.equal(Number(rec.subject_id), keep)
    const doc = await db
      .from('documents')
      .where('stored_key', `test/${org.id}/${other}/dni.pdf`)
      .first()
    assert.equal(Number(doc.record_id), keep)
    const tags = await db
      .from('taggings')
      .where({ resource: LEADS, record_id: keep })
      .orderBy('tag_id')
    assert.sameMembers(
      tags.map((t) => Number(t.tag_id)),
      [shared.id, own.id]
    )
    assert.lengthOf(await db.from('taggings').where({ resource: LEADS, record_id: other }), 0)
    assert.lengthOf(await db.from('crm_lead_assignments').where('lead_id', keep), 1)
    assert.lengthOf(await db.from('crm_lead_assignments').where('lead_id', other), 0)

    // The duplicate sits in the bin (restorable), with its audit trail.
    assert.isNotNull((await db.from('crm_leads').where('id', other).first()).deleted_at)
    assert.lengthOf(await db.from('bin_entries').where({ resource: LEADS, record_id: other }), 1)
  })

  test('merging needs edit and delete: without delete 403, another rep’s lead is 404', async ({
    client,
    assert,
  }) => {
    const { org } = await adminWorld(['crm'])
    const user = await editor(org, 'own')
    const stranger = await editor(org, 'own')
    const keep = await insertLead(org, { title: 'Mía' }, { owner_id: user.id })
    const mine = await insertLead(org, { title: 'Mía también' }, { owner_id: user.id })
    const theirs = await insertLead(org, { title: 'Ajena' }, { owner_id: stranger.id })
    ;(await merge(client, user, keep, theirs)).assertStatus(404)
    ;(await merge(client, user, theirs, keep)).assertStatus(404)
    assert.isNull((await db.from('crm_leads').where('id', theirs).first()).deleted_at)
    // The duplicate goes to the bin: without the delete permission, no merge (nor its button).
    const noDelete = await editor(org, 'all', ['view', 'edit', 'convert'])
    ;(await merge(client, noDelete, keep, mine)).assertStatus(403)
    assert.isNull((await db.from('crm_leads').where('id', mine).first()).deleted_at)
    ;(await merge(client, user, keep, mine)).assertStatus(302)
    assert.isNotNull((await db.from('crm_leads').where('id', mine).first()).deleted_at)
  })

  test('a lead binned after the scope check is not merged (read under the row locks)', async ({
    assert,
  }) => {
    const { org } = await adminWorld(['crm'])
    const user = await editor(org, 'own')
    const access = await AccessContext.forUser(user)
    const keep = await insertLead(org, { title: 'Mía' }, { owner_id: user.id })
    const other = await insertLead(org, { title: 'Mía también' }, { owner_id: user.id })
    // The controller checked both; then someone bins one before the merge takes its locks.
    for (const [binned, kept, dup] of [
      [other, keep, other],
      [keep, keep, other],
    ]) {
      await db.from('crm_leads').where('id', binned).update({ deleted_at: dbTimestamp() })
      const error = await mergeLeads({
        organizationId: org.id,
        actorId: user.id,
        access,
        keepId: kept,
        otherId: dup,
      }).catch((e) => e)
      assert.equal(error?.status, 404)
      await db.from('crm_leads').where('id', binned).update({ deleted_at: null })
    }
    assert.lengthOf(await db.from('bin_entries').where({ resource: LEADS, record_id: other }), 0)
    assert.lengthOf(
      await db
        .from('timeline_events')
        .where({ subject_type: 'crm.lead', kind: 'crm.lead_merged' })
        .whereIn('subject_id', [keep, other]),
      0
    )
  })

  test('"Vincular" remembers a visible company; conversion is offered it; hidden ones refused', async ({
    client,
    assert,
  }) => {
    const { org } = await adminWorld(['crm'])
    const user = await editor(org, 'own')
    const stranger = await editor(org, 'own')
    const lead = await insertLead(
      org,
      { title: 'Web', companyName: 'Acme S.L.' },
      { owner_id: user.id }
    )
    const company = await insertCompany(org, { name: 'Acme S.L.', owner_id: user.id })
    const hidden = await insertCompany(org, { name: 'Oculta S.L.', owner_id: stranger.id })
    const link = (id: number | null) =>
      client
        .post(`/crm/leads/${lead}/link`)
        .json({ kind: 'company', id })
        .loginAs(user)
        .withCsrfToken()
        .withInertia()
        .redirects(0)
    ;(await link(company)).assertStatus(302)
    const page = await client.get(`/crm/leads/${lead}`).loginAs(user).withInertia()
    assert.deepEqual((page.inertiaProps as any).links.company, { id: company, name: 'Acme S.L.' })
    const refused = await link(hidden)
    refused.assertStatus(302)
    assert.exists(refused.flashMessages()?.error)
    const row = await db.from('crm_leads').where('id', lead).first()
    assert.equal(Number(row.linked_company_id), company, 'the hidden company was not linked')
    ;(await link(null)).assertStatus(302)
    assert.isNull((await db.from('crm_leads').where('id', lead).first()).linked_company_id)
  })
})
