import { Link } from '@inertiajs/react'
import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { Detail, FieldCard, InlineField, useFormat, useT, type Option } from '~/ui'
import type { CompanyDetail, FormerContact, Subsidiary } from '../../dto/companies'
import type { Catalog, CatalogLabels } from '../../dto/shared'
import { choicesFor } from './lists'
import { TypeBadge } from './type_badge'

/**
 * A company page's "Clasificación y grupo" card: extra sectors as chips, its group, zone,
 * status, size (edited in place) and, for a competitor, strengths and weaknesses.
 */
export function CompanyClassificationCard({
  company,
  labels,
  catalog,
  fieldUrl,
  editable,
  onSaved,
  action,
}: {
  company: CompanyDetail
  labels: CatalogLabels
  /** The form's choices (null when the user may not edit). */
  catalog: Catalog | null
  fieldUrl: string
  editable: boolean
  onSaved: () => void
  action?: React.ReactNode
}) {
  const { t } = useT()
  const field = (name: string) => t(`crm.companies.fields.${name}`)
  const inactive = t('crm.lists.inactive')
  const options = (
    key: 'zone' | 'status' | 'size',
    list: 'zones' | 'statuses' | 'sizes'
  ): Option[] =>
    catalog
      ? choicesFor(catalog[list], company[key], inactive)
      : Object.entries(labels[key]).map(([value, label]) => ({ value, label }))
  const coded = (key: 'zone' | 'status' | 'size', list: 'zones' | 'statuses' | 'sizes') => (
    <InlineField
      name={key}
      label={field(key)}
      value={company[key]}
      kind="select"
      options={options(key, list)}
      clearable
      url={fieldUrl}
      readOnly={!editable}
      onSaved={onSaved}
    />
  )
  const competitor = company.type === 'competidor' || company.strengths || company.weaknesses
  return (
    <FieldCard
      title={t('crm.sections.classification')}
      action={action}
      testId="company-classification"
    >
      <Detail label={field('industries')}>
        {company.industries.length ? (
          <Group gap={4} mt={2} data-testid="company-industries">
            {company.industries.map((code) => (
              <Badge key={code} variant="light" tt="none" fw={500} radius="sm">
                {labels.industry[code] ?? code}
              </Badge>
            ))}
          </Group>
        ) : null}
      </Detail>
      <Detail label={field('parent')}>
        {company.parentId ? (
          <Anchor component={Link} href={`/crm/companies/${company.parentId}`} size="sm">
            {company.parentName ?? t('crm.contacts.hidden_company')}
          </Anchor>
        ) : null}
      </Detail>
      {coded('zone', 'zones')}
      {coded('status', 'statuses')}
      {coded('size', 'sizes')}
      {competitor && (
        <>
          <div style={{ gridColumn: '1 / -1' }}>
            <InlineField
              name="strengths"
              label={field('strengths')}
              value={company.strengths}
              kind="textarea"
              url={fieldUrl}
              readOnly={!editable}
              onSaved={onSaved}
            />
          </div>
          <div style={{ gridColumn: '1 / -1' }}>
            <InlineField
              name="weaknesses"
              label={field('weaknesses')}
              value={company.weaknesses}
              kind="textarea"
              url={fieldUrl}
              readOnly={!editable}
              onSaved={onSaved}
            />
          </div>
        </>
      )}
    </FieldCard>
  )
}

/** A company page's subsidiaries and former contacts (each only when there are some). */
export function CompanyRelations({
  companyId,
  subsidiaries,
  formerContacts,
  labels,
}: {
  companyId: number
  subsidiaries: Subsidiary[]
  formerContacts: FormerContact[]
  labels: CatalogLabels
}) {
  const { t } = useT()
  const f = useFormat()
  return (
    <>
      {subsidiaries.length > 0 && (
        <Paper
          withBorder
          radius="md"
          p="md"
          component="section"
          aria-label={t('crm.sections.subsidiaries')}
        >
          <Group justify="space-between" mb="sm">
            <Title order={5}>
              {t('crm.sections.subsidiaries')}{' '}
              <Text span c="dimmed" size="sm">
                {subsidiaries.length}
              </Text>
            </Title>
            <Anchor component={Link} href={`/crm/companies?group=${companyId}`} size="sm">
              {t('crm.companies.see_group')}
            </Anchor>
          </Group>
          <Stack gap={6} data-testid="subsidiaries">
            {subsidiaries.map((s) => (
              <Group key={s.id} gap="xs" wrap="nowrap">
                <Anchor component={Link} href={`/crm/companies/${s.id}`} size="sm" fw={600}>
                  {s.name}
                </Anchor>
                <TypeBadge type={s.type} label={labels.type[s.type] ?? s.type} />
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
      {formerContacts.length > 0 && (
        <Paper
          withBorder
          radius="md"
          p="md"
          component="section"
          aria-label={t('crm.sections.former_contacts')}
        >
          <Title order={5} mb="sm">
            {t('crm.sections.former_contacts')}
          </Title>
          <Stack gap={6} data-testid="former-contacts">
            {formerContacts.map((c) => (
              <Group key={c.id} gap="xs" wrap="wrap">
                <Anchor component={Link} href={`/crm/contacts/${c.id}`} size="sm" fw={600}>
                  {c.name}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {[
                    c.position,
                    c.endedOn ? t('crm.positions.until', { date: f.date(c.endedOn) }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
    </>
  )
}
