import { roleIdsNamed } from '#app/access/roles'
import type { DemoSeedParams } from '#app/registry/types'
import { createRule } from '../../alerts/rules.js'
import seedReportsDemo from '../../reports/demo.js'

/**
 * Analytics' demo data: the saved pivot reports, and three alert rules (one of each kind)
 * notifying the sales management roles.
 */
export default async function seedAnalyticsDemo(params: DemoSeedParams) {
  await seedReportsDemo(params)
  const { organizationId, users } = params
  const roleIds = await roleIdsNamed(organizationId, ['Dirección comercial', 'Jefe de equipo'])
  const base = { enabled: true, roleIds, taskType: null, taskDueDays: null, createTask: false }
  await createRule(
    organizationId,
    {
      ...base,
      name: 'Comerciales por debajo del 50 % el día 15',
      kind: 'quota_under',
      params: { percent: 50, day: 15 },
    },
    users.admin ?? null
  )
  await createRule(
    organizationId,
    {
      ...base,
      name: 'Más de 5 actividades vencidas',
      kind: 'overdue_activities',
      params: { count: 5 },
    },
    users.admin ?? null
  )
  await createRule(
    organizationId,
    {
      ...base,
      name: 'Cuentas con oportunidades y 30 días sin actividad',
      kind: 'quiet_account',
      params: { days: 30 },
      createTask: true,
      taskType: 'call',
      taskDueDays: 2,
    },
    users.admin ?? null
  )
}
