import { defineModule } from '#app/registry/types'

/*
 * Analytics: the embedded Cube semantic layer. Serves Cube's REST contract (load, meta, sql)
 * over cube/schema/<module>/ behind the app's session, with the user's organization and record
 * scope applied to every query (README "Analytics (Cube)").
 */
export default defineModule({
  name: 'analytics',
  version: '0.1.0',
  tier: 'profesional',
  dependsOn: ['crm'],
  permissions: [
    {
      key: 'analytics.view',
      demo: ['director', 'leader', 'zone', 'rep', 'support'],
    },
    { key: 'analytics.reports.manage', demo: ['director'] },
    { key: 'analytics.alerts.manage', demo: ['director'] },
  ],
  navigation: [
    {
      label: 'analytics.nav.analytics',
      route: 'analytics.index',
      permission: 'analytics.view',
      icon: 'chart-bar',
    },
    {
      label: 'analytics.dash.nav',
      route: 'analytics.dashboards.index',
      permission: 'analytics.view',
      icon: 'layout-dashboard',
    },
    {
      label: 'analytics.nav.reports',
      route: 'analytics.reports.index',
      permission: 'analytics.view',
      icon: 'table',
    },
    {
      label: 'analytics.alerts.nav.alerts',
      route: 'analytics.alerts.index',
      permission: 'analytics.view',
      icon: 'bell',
    },
    {
      label: 'analytics.alerts.nav.rules',
      route: 'analytics.alerts.rules',
      permission: 'analytics.alerts.manage',
      icon: 'bell-cog',
      section: 'settings',
    },
  ],
  notifications: [
    { kind: 'alert', label: 'analytics.alerts.notification', defaultEmail: 'digest' },
  ],
  demoSeeder: () => import('./database/seeders/demo.js'),
  routes: () => import('./routes.js'),
  jobs: () => import('./jobs/index.js'),
  schedules: [
    { job: 'refreshRollups', cron: '*/10 * * * *' },
    { job: 'alertRules', cron: '7 * * * *' },
  ],
  root: import.meta.url,
})
