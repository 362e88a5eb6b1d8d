import db from '@adonisjs/lucid/services/db'
import type { DemoSeedParams } from '#app/registry/types'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { roleIdsNamed } from '#app/access/roles'
import type { PivotState } from '../dto/pivot.js'

/** The demo report: won amount by sales rep (rows) and close month (columns). */
export const DEMO_REPORT_STATE: PivotState = {
  view: 'crm_pipeline',
  measures: ['crm_pipeline.won_amount_minor', 'crm_pipeline.won_count'],
  rows: ['crm_pipeline.owner_name'],
  columns: [],
  time: {
    dimension: 'crm_pipeline.closed_at',
    granularity: 'month',
    axis: 'columns',
    dateRange: null,
  },
  filters: [{ member: 'crm_pipeline.status', operator: 'equals', values: ['won'] }],
  chart: 'table',
}

/** «Ganado por comercial y mes», owned by the sales director, shared with leaders and reps. */
export default async function seedReportsDemo({ organizationId, users }: DemoSeedParams) {
  const owner = users.manager ?? users.admin
  if (!owner) return
  const now = dbTimestamp()
  const id = await insertId(db.connection(), 'analytics_reports', {
    organization_id: organizationId,
    owner_id: owner,
    name: 'Ganado por comercial y mes',
    description: 'Importe y número de oportunidades ganadas por comercial, por mes de cierre.',
    view: DEMO_REPORT_STATE.view,
    query: JSON.stringify(DEMO_REPORT_STATE),
    pivot_config: JSON.stringify({
      rows: DEMO_REPORT_STATE.rows,
      columns: DEMO_REPORT_STATE.columns,
    }),
    chart_type: DEMO_REPORT_STATE.chart,
    created_at: now,
    updated_at: now,
  })
  const roles = await roleIdsNamed(organizationId, ['Jefe de equipo', 'Jefa de zona', 'Comercial'])
  if (roles.length)
    await db
      .table('analytics_report_roles')
      .multiInsert(roles.map((roleId) => ({ report_id: id, role_id: roleId })))
}
