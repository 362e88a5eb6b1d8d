import type { ManifestPart } from '#app/registry/parts'

/**
 * Lead assignment rules' manifest entries: who may manage the rules (and run the dry run),
 * the rules page, and the lead timeline's entries for an assignment.
 */
const part: ManifestPart = {
  permissions: [{ key: 'crm.assignment.manage', demo: ['director'] }],
  navigation: [
    {
      label: 'crm.nav.assignment',
      route: 'crm.assignment.rules.index',
      section: 'settings',
      permission: 'crm.assignment.manage',
      icon: 'arrows-split',
    },
  ],
  timelineKinds: [
    {
      kind: 'crm.lead_assigned',
      label: 'crm.assignment.timeline.assigned',
      icon: 'user-check',
      filter: 'changes',
    },
    {
      kind: 'crm.lead_queued',
      label: 'crm.assignment.timeline.queued',
      icon: 'inbox',
      filter: 'changes',
    },
  ],
}

export default part
