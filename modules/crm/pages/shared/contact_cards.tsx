import { Link } from '@inertiajs/react'
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core'
import { Detail, FieldCard, InlineField, useFormat, useT } from '~/ui'
import type { ContactCatalog, ContactDetail, ContactPosition } from '../../dto/contacts'
import { choicesFor, labelMap } from './lists'

/** Labels of a contact's coded values, for its page and its history. */
export function contactLabels(catalog: ContactCatalog | null) {
  return {
    gender: labelMap(catalog?.genders ?? []),
    source: labelMap(catalog?.sources ?? []),
  }
}

/**
 * A contact page's profile (gender, language, birthday: edited in place) and its GDPR
 * communications: consent with its date and source, and the opt-out (edited in the full form,
 * where the date and source go with the status).
 */
export function ContactProfileCard({
  contact,
  catalog,
  fieldUrl,
  editable,
  onSaved,
  action,
}: {
  contact: ContactDetail
  catalog: ContactCatalog
  fieldUrl: string
  editable: boolean
  onSaved: () => void
  action?: React.ReactNode
}) {
  const { t } = useT()
  const f = useFormat()
  const field = (name: string) => t(`crm.contacts.fields.${name}`)
  const labels = contactLabels(catalog)
  const source = (code: string | null) => (code ? (labels.source[code] ?? code) : null)
  const consent = t(`crm.consent.statuses.${contact.consentStatus}`)
  return (
    <FieldCard title={t('crm.sections.profile')} action={action} testId="contact-profile">
      <InlineField
        name="gender"
        label={field('gender')}
        value={contact.gender}
        kind="select"
        clearable
        options={choicesFor(catalog.genders, contact.gender, t('crm.lists.inactive'))}
        url={fieldUrl}
        readOnly={!editable}
        onSaved={onSaved}
      />
      <InlineField
        name="language"
        label={field('language')}
        value={contact.language}
        kind="select"
        clearable
        options={catalog.languages.map((code) => ({
          value: code,
          label: t(`crm.languages.${code}`),
        }))}
        url={fieldUrl}
        readOnly={!editable}
        onSaved={onSaved}
      />
      <Detail label={field('birthday')}>
        {contact.birthday ? f.date(contact.birthday) : null}
      </Detail>
      <Detail label={field('consentStatus')}>
        <Group gap="xs" data-testid="contact-consent">
          <Badge
            variant="light"
            tt="none"
            fw={500}
            color={
              contact.consentStatus === 'granted'
                ? 'teal'
                : contact.consentStatus === 'denied'
                  ? 'red'
                  : 'gray'
            }
          >
            {consent}
          </Badge>
          <Text size="xs" c="dimmed">
            {[contact.consentAt && f.date(contact.consentAt), source(contact.consentSource)]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Group>
      </Detail>
      <Detail label={field('optedOut')}>
        {contact.optedOut ? (
          <Group gap="xs" data-testid="contact-opted-out">
            <Badge color="red" variant="light" tt="none" fw={500}>
              {t('crm.contacts.opted_out_badge')}
            </Badge>
            <Text size="xs" c="dimmed">
              {[
                contact.optedOutAt &&
                  t('crm.contacts.opted_out_since', { date: f.date(contact.optedOutAt) }),
                source(contact.optOutSource),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Group>
        ) : (
          t('common.no')
        )}
      </Detail>
    </FieldCard>
  )
}

/** A contact's positions over time: the current one first, then the past ones. */
export function ContactPositionsCard({ positions }: { positions: ContactPosition[] }) {
  const { t } = useT()
  const f = useFormat()
  return (
    <FieldCard title={t('crm.sections.positions')} columns={1} testId="contact-positions">
      {positions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('crm.positions.none')}
        </Text>
      ) : (
        <Stack gap="xs">
          {positions.map((p) => (
            <div key={p.id}>
              <Group gap="xs">
                {p.companyId ? (
                  <Anchor
                    component={Link}
                    href={`/crm/companies/${p.companyId}`}
                    size="sm"
                    fw={600}
                  >
                    {p.companyName}
                  </Anchor>
                ) : (
                  <Text size="sm" fw={600}>
                    {t('crm.contacts.hidden_company')}
                  </Text>
                )}
                {p.current && (
                  <Badge size="xs" variant="light" tt="none">
                    {t('crm.positions.current')}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {[
                  p.position,
                  p.department,
                  p.startedOn && t('crm.positions.since', { date: f.date(p.startedOn) }),
                  p.endedOn && t('crm.positions.until', { date: f.date(p.endedOn) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </FieldCard>
  )
}
