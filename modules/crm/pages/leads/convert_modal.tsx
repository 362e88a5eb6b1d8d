import { useState } from 'react'
import { router } from '@inertiajs/react'
import { Button, Checkbox, Group, Modal, Radio, Stack, TextInput } from '@mantine/core'
import { RecordPicker, useCan, useT } from '~/ui'
import { CompanyPicker } from '../shared/company_picker'
import type { LeadDetail } from '../../dto/leads'
import type { LeadLinks } from './lead_alerts'

type Mode = 'new' | 'existing' | 'none'

/**
 * "Convertir": the customer's company and contact each created from the lead, linked to an
 * existing record (pickers of what the user may see) or left out, and the opportunity. A
 * company or contact the lead was linked to ("Vincular") comes pre-selected as existing.
 */
export function ConvertModal({
  lead,
  links = { company: null, contact: null },
  opened,
  onClose,
}: {
  lead: LeadDetail
  links?: LeadLinks
  opened: boolean
  onClose: () => void
}) {
  const { t } = useT()
  const can = useCan()
  // "Create from the lead" only for who may create companies / contacts (the server refuses too).
  const newCompany = can('crm.companies.create')
  const newContact = can('crm.contacts.create')
  const [company, setCompany] = useState<Mode>(
    links.company ? 'existing' : newCompany ? 'new' : 'none'
  )
  const [companyId, setCompanyId] = useState<string | null>(
    links.company ? String(links.company.id) : null
  )
  const [contact, setContact] = useState<Mode>(
    links.contact ? 'existing' : newContact && (lead.firstName || lead.lastName) ? 'new' : 'none'
  )
  const [contactId, setContactId] = useState<string | null>(
    links.contact ? String(links.contact.id) : null
  )
  const option = (l: { id: number; name: string } | null) =>
    l ? [{ value: String(l.id), label: l.name }] : []
  const mayCreate = can('crm.opportunities.create')
  const [opportunity, setOpportunity] = useState(mayCreate)
  const [name, setName] = useState(lead.title)
  const [busy, setBusy] = useState(false)
  const c = (key: string) => t(`crm.leads.convert.${key}`)
  const submit = () => {
    setBusy(true)
    router.post(
      `/crm/leads/${lead.id}/convert`,
      {
        company,
        ...(company === 'existing' && companyId ? { companyId: Number(companyId) } : {}),
        contact,
        ...(contact === 'existing' && contactId ? { contactId: Number(contactId) } : {}),
        opportunity,
        opportunityName: name,
      },
      { onFinish: () => setBusy(false), onSuccess: onClose }
    )
  }
  const modes = (
    label: string,
    value: Mode,
    set: (m: Mode) => void,
    testId: string,
    mayNew: boolean
  ) => (
    <Radio.Group label={label} value={value} onChange={(v) => set(v as Mode)} data-testid={testId}>
      <Stack gap={6} mt={6}>
        {mayNew && <Radio value="new" label={c('new')} />}
        <Radio value="existing" label={c('existing')} />
        <Radio value="none" label={c('none')} />
      </Stack>
    </Radio.Group>
  )
  return (
    <Modal opened={opened} onClose={onClose} title={c('title')} size="lg">
      <Stack gap="md">
        {modes(c('company'), company, setCompany, 'convert-company', newCompany)}
        {company === 'existing' && (
          <CompanyPicker
            label={c('pick_company')}
            initial={option(links.company)}
            value={companyId}
            onChange={setCompanyId}
          />
        )}
        {modes(c('contact'), contact, setContact, 'convert-contact', newContact)}
        {contact === 'existing' && (
          <RecordPicker
            label={c('pick_contact')}
            searchUrl="/crm/contacts/lookup"
            initial={option(links.contact)}
            value={contactId}
            onChange={setContactId}
          />
        )}
        {mayCreate && (
          <Checkbox
            label={c('opportunity')}
            checked={opportunity}
            onChange={(e) => setOpportunity(e.currentTarget.checked)}
          />
        )}
        {opportunity && (
          <TextInput
            label={c('opportunity_name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={busy} data-testid="convert-submit">
            {c('submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
