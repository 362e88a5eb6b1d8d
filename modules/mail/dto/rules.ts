/** A rule's condition (rules/evaluate.ts applies it). */
export interface RuleCondition {
  field: 'from' | 'to' | 'cc' | 'subject' | 'body' | 'header'
  header?: string
  op: 'contains' | 'equals' | 'starts_with' | 'ends_with' | 'matches'
  value: string
}

/** A rule's action as stored (the page also gets a linked record's name, `recordLabel`). */
export type RuleAction =
  | { type: 'skip' }
  | { type: 'spam' }
  | { type: 'assign'; userId: number }
  | { type: 'link'; recordType: string; recordId: number; recordLabel?: string | null }
  | { type: 'tag'; tag: string }
  | { type: 'create_lead' }
  | { type: 'create_contact' }

/** A capture rule as the admin page lists and edits it. */
export interface MailRuleRow {
  id: number
  name: string
  mailboxId: number | null
  enabled: boolean
  match: 'all' | 'any'
  conditions: RuleCondition[]
  actions: RuleAction[]
  stop: boolean
}

export interface MailRulesPage {
  rules: MailRuleRow[]
  blocklist: { id: number; pattern: string }[]
  mailboxes: { value: string; label: string }[]
  users: { value: string; label: string }[]
}
