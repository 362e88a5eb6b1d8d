import { Badge, Select } from '@mantine/core'
import { useT, type FilterChip } from '~/ui'
import type { ContactCatalog, ContactListFilters, ContactRow } from '../../dto/contacts'
import { CONSENT_STATUSES } from './contact_profile_fields'

const CONSENT_COLOR: Record<string, string> = { granted: 'teal', denied: 'red', unknown: 'gray' }

/**
 * The contacts list's profile parts: cells (language, consent, opt-out), their filters and
 * chips, and the language's in-place editor.
 */
export function useContactListExtras(
  catalog: ContactCatalog,
  filters: ContactListFilters,
  set: (patch: Record<string, string | null>) => void
) {
  const { t } = useT()
  const language = (code: string | null) => (code ? t(`crm.languages.${code}`) : '—')
  const consent = (code: string) => t(`crm.consent.statuses.${code}`)
  const optedOut = (v: string) =>
    t(v === 'yes' ? 'crm.filters.opted_out_yes' : 'crm.filters.opted_out_no')

  const render: Record<string, (r: ContactRow) => React.ReactNode> = {
    language: (r) => language(r.language),
    consent: (r) => (
      <Badge variant="light" color={CONSENT_COLOR[r.consentStatus]} tt="none" fw={500}>
        {consent(r.consentStatus)}
      </Badge>
    ),
    optedOut: (r) =>
      r.optedOut ? (
        <Badge variant="light" color="red" tt="none" fw={500}>
          {t('crm.contacts.opted_out_badge')}
        </Badge>
      ) : (
        '—'
      ),
  }

  const chips: FilterChip[] = []
  if (filters.consent)
    chips.push({
      key: 'consent',
      label: `${t('crm.contacts.fields.consentStatus')}: ${consent(filters.consent)}`,
      remove: { consent: null },
    })
  if (filters.opted_out)
    chips.push({
      key: 'opted_out',
      label: `${t('crm.filters.opted_out')}: ${optedOut(filters.opted_out)}`,
      remove: { opted_out: null },
    })
  if (filters.language)
    chips.push({
      key: 'language',
      label: `${t('crm.contacts.fields.language')}: ${language(filters.language)}`,
      remove: { language: null },
    })

  const inputs = (
    <>
      <Select
        aria-label={t('crm.contacts.fields.consentStatus')}
        placeholder={t('crm.filters.any_consent')}
        clearable
        value={filters.consent || null}
        data={CONSENT_STATUSES.map((s) => ({ value: s, label: consent(s) }))}
        onChange={(v) => set({ consent: v })}
        data-testid="filter-consent"
      />
      <Select
        aria-label={t('crm.filters.opted_out')}
        placeholder={t('crm.filters.opted_out')}
        clearable
        value={filters.opted_out || null}
        data={['yes', 'no'].map((v) => ({ value: v, label: optedOut(v) }))}
        onChange={(v) => set({ opted_out: v })}
      />
      <Select
        aria-label={t('crm.contacts.fields.language')}
        placeholder={t('crm.filters.any_language')}
        clearable
        value={filters.language || null}
        data={catalog.languages.map((code) => ({ value: code, label: language(code) }))}
        onChange={(v) => set({ language: v })}
      />
    </>
  )

  const inline = {
    language: {
      name: 'language',
      kind: 'select' as const,
      clearable: true,
      value: (r: ContactRow) => r.language,
      options: () => catalog.languages.map((code) => ({ value: code, label: language(code) })),
      render: (v: string | null) => v && language(v),
    },
  }
  return { render, chips, inputs, inline }
}
