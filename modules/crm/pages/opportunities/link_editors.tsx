import { useEffect, useRef, useState } from 'react'
import {
  ActionIcon,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  type SelectProps,
} from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useT, type Option } from '~/ui'
import { getJson, reportLookupError } from '~/ui/query'

/** A contact of the opportunity being edited (ids as strings, as selects keep them). */
export interface ContactLink {
  contactId: string
  name: string
  role: string | null
}

/** A competitor of the opportunity being edited. */
export interface CompetitorLink {
  companyId: string
  name: string
  strengths: string
  weaknesses: string
}

export const CONTACT_OPTIONS = '/crm/opportunities/contact-options'
export const COMPETITOR_OPTIONS = '/crm/opportunities/competitor-options'

/**
 * A searchable select over a lookup URL (`?q=`), answering the picked option with its label
 * (the row added shows the name at once). `exclude`: values already linked.
 */
export function LookupSelect({
  url,
  exclude = [],
  value,
  onPick,
  ...props
}: Omit<SelectProps, 'data' | 'onChange' | 'value'> & {
  url: string
  exclude?: string[]
  value: Option | null
  onPick: (option: Option | null) => void
}) {
  const { t } = useT()
  const [search, setSearch] = useState('')
  const [found, setFound] = useState<Option[]>([])
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  useEffect(() => {
    clearTimeout(timer.current)
    const separator = url.includes('?') ? '&' : '?'
    timer.current = setTimeout(() => {
      getJson<Option[]>(`${url}${separator}q=${encodeURIComponent(search)}`)
        .then(setFound)
        .catch((error) => reportLookupError(error, t))
    }, 200)
    return () => clearTimeout(timer.current)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, url])
  const options = found.filter((o) => !exclude.includes(o.value))
  const data =
    value && !options.some((o) => o.value === value.value) ? [value, ...options] : options
  return (
    <Select
      {...props}
      searchable
      clearable
      filter={({ options: list }) => list}
      data={data}
      value={value?.value ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={t('ui.picker.search')}
      onChange={(v, option) => onPick(v && option ? { value: v, label: option.label } : null)}
    />
  )
}

/** Picker of a contact and its role, with "Añadir" (the form and the record page's modal). */
export function AddContact({
  roles,
  companyId,
  exclude,
  onAdd,
  error,
}: {
  roles: Option[]
  companyId: string | null
  exclude: string[]
  onAdd: (link: ContactLink) => void
  error?: string
}) {
  const { t } = useT()
  const [contact, setContact] = useState<Option | null>(null)
  const [role, setRole] = useState<string | null>(roles[0]?.value ?? null)
  const url = companyId ? `${CONTACT_OPTIONS}?company=${companyId}` : CONTACT_OPTIONS
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <LookupSelect
        url={url}
        exclude={exclude}
        label={t('crm.opportunities.contacts.contact')}
        description={companyId ? t('crm.opportunities.contacts.company_first') : undefined}
        value={contact}
        onPick={setContact}
        error={error}
        style={{ flex: '1 1 220px' }}
        data-autofocus
      />
      <Select
        label={t('crm.opportunities.contacts.role')}
        data={roles}
        value={role}
        onChange={setRole}
        clearable
        placeholder={t('crm.opportunities.contacts.no_role')}
        style={{ flex: '1 1 140px' }}
      />
      <Button
        variant="light"
        leftSection={<IconPlus size={14} />}
        disabled={!contact}
        onClick={() => {
          if (!contact) return
          onAdd({ contactId: contact.value, name: contact.label, role })
          setContact(null)
        }}
      >
        {t('crm.opportunities.contacts.add')}
      </Button>
    </Group>
  )
}

/** The form's contacts: each with its role (changeable) and a remove button, then the picker. */
export function ContactsEditor({
  value,
  onChange,
  roles,
  companyId,
  error,
}: {
  value: ContactLink[]
  onChange: (next: ContactLink[]) => void
  roles: Option[]
  companyId: string | null
  error?: string
}) {
  const { t } = useT()
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('crm.opportunities.fields.contacts')}
      </Text>
      {value.map((c, i) => (
        <Group key={c.contactId} gap="xs" wrap="nowrap" data-testid={`contact-${c.contactId}`}>
          <Text size="sm" style={{ flex: 1, minWidth: 0 }} truncate>
            {c.name}
          </Text>
          <Select
            aria-label={t('crm.opportunities.contacts.change_role', { name: c.name })}
            data={roles}
            value={c.role}
            clearable
            placeholder={t('crm.opportunities.contacts.no_role')}
            onChange={(role) => onChange(value.map((x, j) => (j === i ? { ...x, role } : x)))}
            size="xs"
            w={150}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('crm.opportunities.contacts.remove', { name: c.name })}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <AddContact
        roles={roles}
        companyId={companyId}
        exclude={value.map((c) => c.contactId)}
        onAdd={(link) => onChange([...value, link])}
        error={error}
      />
    </Stack>
  )
}

/** Strengths and weaknesses of one competitor (side by side from `sm`, stacked in a modal). */
export function CompetitorTexts({
  value,
  onChange,
  stacked = false,
}: {
  value: CompetitorLink
  onChange: (next: CompetitorLink) => void
  stacked?: boolean
}) {
  const { t } = useT()
  const text = (key: 'strengths' | 'weaknesses') => (
    <Textarea
      label={t(`crm.opportunities.fields.${key}`)}
      aria-label={`${t(`crm.opportunities.fields.${key}`)} · ${value.name}`}
      autosize
      minRows={stacked ? 2 : 1}
      maxLength={500}
      value={value[key]}
      onChange={(e) => onChange({ ...value, [key]: e.currentTarget.value })}
    />
  )
  return (
    <SimpleGrid cols={stacked ? 1 : { base: 1, sm: 2 }} spacing="xs">
      {text('strengths')}
      {text('weaknesses')}
    </SimpleGrid>
  )
}

/** The form's competitors (companies of type competidor) with strengths and weaknesses. */
export function CompetitorsEditor({
  value,
  onChange,
  error,
}: {
  value: CompetitorLink[]
  onChange: (next: CompetitorLink[]) => void
  error?: string
}) {
  const { t } = useT()
  const [picked, setPicked] = useState<Option | null>(null)
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('crm.opportunities.fields.competitors')}
      </Text>
      {value.map((c, i) => (
        <Stack key={c.companyId} gap={4} data-testid={`competitor-${c.companyId}`}>
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm" fw={600} truncate>
              {c.name}
            </Text>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('crm.opportunities.competitors.remove', { name: c.name })}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
          <CompetitorTexts
            value={c}
            onChange={(next) => onChange(value.map((x, j) => (j === i ? next : x)))}
          />
        </Stack>
      ))}
      <Group align="flex-end" gap="xs">
        <LookupSelect
          url={COMPETITOR_OPTIONS}
          exclude={value.map((c) => c.companyId)}
          label={t('crm.opportunities.competitors.company')}
          description={t('crm.opportunities.competitors.only_type')}
          value={picked}
          onPick={setPicked}
          error={error}
          style={{ flex: '1 1 220px' }}
        />
        <Button
          variant="light"
          leftSection={<IconPlus size={14} />}
          disabled={!picked}
          onClick={() => {
            if (!picked) return
            onChange([
              ...value,
              { companyId: picked.value, name: picked.label, strengths: '', weaknesses: '' },
            ])
            setPicked(null)
          }}
        >
          {t('crm.opportunities.competitors.add')}
        </Button>
      </Group>
    </Stack>
  )
}

/** What the server takes for the lists (ids as numbers, empty texts as null). */
export const contactsPayload = (list: ContactLink[]) =>
  list.map((c) => ({ contactId: Number(c.contactId), role: c.role || null }))
export const competitorsPayload = (list: CompetitorLink[]) =>
  list.map((c) => ({
    companyId: Number(c.companyId),
    strengths: c.strengths.trim() || null,
    weaknesses: c.weaknesses.trim() || null,
  }))
