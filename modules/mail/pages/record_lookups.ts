/** The record types mail links to, and the search each one's picker asks (`?q=`). */
export const RECORD_LOOKUPS: Record<string, string> = {
  'crm.company': '/crm/companies/lookup',
  'crm.contact': '/crm/contacts/lookup',
  'crm.lead': '/crm/leads/lookup',
  'crm.opportunity': '/crm/opportunities/lookup',
}
