import type { ManifestPart } from '#app/registry/parts'

/** What each demo role may do with activities (scoped on the assignee: the role's scope). */
const DEMO_GRANTS = {
  director: ['view', 'create', 'edit', 'delete', 'configure'],
  leader: ['view', 'create', 'edit'],
  zone: ['view', 'create', 'edit'],
  rep: ['view', 'create', 'edit', 'delete'],
  support: ['view'],
}

/** The activities feature's manifest entries (module.ts appends them). */
const part: ManifestPart = {
  resources: [
    {
      key: 'crm.activities',
      actions: ['view', 'create', 'edit', 'delete', 'configure'],
      actionLabels: { configure: 'crm.activities.actions.configure' },
      demo: DEMO_GRANTS,
    },
  ],
  subjects: [
    {
      type: 'crm.activity',
      label: 'crm.activities.one',
      fields: 'crm.activities.fields',
      collection: 'crm.activities.collection',
    },
  ],
  navigation: [
    {
      label: 'crm.nav.activities',
      route: 'crm.activities.index',
      permission: 'crm.activities.view',
      icon: 'checklist',
    },
    {
      label: 'crm.nav.calendar',
      route: 'crm.calendar.index',
      permission: 'crm.activities.view',
      icon: 'calendar',
    },
    {
      label: 'crm.nav.activity_types',
      route: 'crm.activity_types.index',
      section: 'settings',
      permission: 'crm.activities.configure',
      icon: 'category',
    },
    {
      label: 'crm.nav.task_rules',
      route: 'crm.task_rules.index',
      section: 'settings',
      permission: 'crm.activities.configure',
      icon: 'robot',
    },
  ],
  actions: [
    {
      label: 'crm.actions.new_activity',
      route: 'crm.activities.index',
      permission: 'crm.activities.create',
      icon: 'calendar-plus',
    },
  ],
  timelineKinds: [
    {
      kind: 'crm.activity_planned',
      label: 'crm.activities.timeline.planned',
      icon: 'calendar',
      filter: 'crm.activities.timeline.filter',
    },
    {
      kind: 'crm.activity_done',
      label: 'crm.activities.timeline.done',
      icon: 'check',
      filter: 'crm.activities.timeline.filter',
    },
    {
      kind: 'crm.activity_rescheduled',
      label: 'crm.activities.timeline.rescheduled',
      icon: 'calendar',
      filter: 'crm.activities.timeline.filter',
    },
    {
      kind: 'crm.activity_reassigned',
      label: 'crm.activities.timeline.reassigned',
      icon: 'user',
      filter: 'crm.activities.timeline.filter',
    },
  ],
  notifications: [
    {
      kind: 'activity_reminder',
      label: 'crm.notifications.activity_reminder',
      defaultEmail: 'digest',
    },
    {
      kind: 'lead_unassigned',
      label: 'crm.notifications.lead_unassigned',
      defaultEmail: 'immediate',
    },
  ],
  schedules: [
    { job: 'activityReminders', cron: '* * * * *' },
    { job: 'activityRecurrences', cron: '*/15 * * * *' },
    { job: 'taskRules', cron: '*/5 * * * *' },
  ],
}

export default part
