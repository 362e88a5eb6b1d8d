import { useMemo } from 'react'
import { Head, Link, router, usePage } from '@inertiajs/react'
import {
  Anchor,
  Button,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core'
import { IconEdit, IconPlus } from '@tabler/icons-react'
import {
  ConfirmButton,
  DataTable,
  Documents,
  PageHeader,
  useCan,
  useFormat,
  useT,
  type Column,
  type DocumentsPanelProps,
  AddressLines,
  ChannelLines,
  Detail,
  EmailLink,
  PhoneLink,
  RecordHistory,
  type HistoryPage as History,
} from '~/ui'
import { TypeBadge } from '../shared/type_badge'
import type { CompanyContact as Contact, CompanyDetail as Company } from '../../dto/companies'
import { OrgChart } from '../shared/org_chart'
import { crmHistoryValueLabel } from '../shared/history_labels'
import { CustomFieldDetails, type CustomFieldDisplay } from '~/ui/custom_fields'
import type { CatalogLabels, RecordActions } from '../../dto/shared'

export default function CompanyShow({
  company,
  allowed,
  contacts,
  contactsTruncated,
  timeline,
  labels,
  documents,
  customFields = [],
}: {
  company: Company
  /** Whether this record is within the user's edit and delete scopes. */
  allowed: RecordActions
  contacts: Contact[]
  contactsTruncated: boolean
  timeline: History
  /** The organization's labels of the list codes (type, industry). */
  labels: CatalogLabels
  /** Null when the user may not see the company's documents. */
  documents: DocumentsPanelProps | null
  customFields?: CustomFieldDisplay[]
}) {
  const { t, locale } = useT()
  const valueLabel = useMemo(() => crmHistoryValueLabel(t, locale, labels), [t, locale, labels])
  const f = useFormat()
  const can = useCan()
  const base = `/crm/companies/${company.id}`
  const field = (name: string) => t(`crm.companies.fields.${name}`)
  // ?tab=history after adding a note, so the user lands where they wrote it.
  const tab = new URLSearchParams(usePage().url.split('?')[1] ?? '').get('tab')

  const contactColumns: Column<Contact>[] = [
    {
      key: 'name',
      header: t('crm.contacts.fields.name'),
      render: (c) => (
        <Anchor
          component={Link}
          href={`/crm/contacts/${c.id}`}
          size="sm"
          fw={600}
          onClick={(e) => e.stopPropagation()}
        >
          {c.name}
        </Anchor>
      ),
    },
    {
      key: 'position',
      header: t('crm.contacts.fields.position'),
      render: (c) => c.position ?? '—',
    },
    {
      key: 'email',
      header: t('crm.contacts.fields.email'),
      render: (c) => <EmailLink value={c.email} />,
    },
    {
      key: 'phone',
      header: t('crm.contacts.fields.phone'),
      render: (c) => <PhoneLink value={c.phone} />,
    },
  ]

  return (
    <>
      <Head title={company.name} />
      <PageHeader
        title={company.name}
        subtitle={
          <Group gap="xs" component="span">
            <TypeBadge type={company.type} label={labels.type[company.type] ?? company.type} />
            {company.nif && (
              <Text span size="sm" c="dimmed">
                {company.nif}
              </Text>
            )}
          </Group>
        }
        crumbs={[
          { label: t('crm.companies.title'), href: '/crm/companies' },
          { label: company.name },
        ]}
        actions={
          <>
            {allowed.edit && (
              <Button
                component={Link}
                href={`${base}/edit`}
                variant="default"
                leftSection={<IconEdit size={16} />}
              >
                {t('common.edit')}
              </Button>
            )}
            {allowed.delete && (
              <ConfirmButton
                label={t('common.delete')}
                title={t('crm.companies.delete_title')}
                message={t('crm.companies.delete_message')}
                onConfirm={() => router.delete(base)}
              />
            )}
          </>
        }
      />
      <Tabs
        defaultValue={['contacts', 'org', 'docs', 'history'].includes(tab ?? '') ? tab : 'data'}
        keepMounted={false}
        styles={{
          tab: {
            paddingInline: 'var(--mantine-spacing-xs)',
            fontSize: 'var(--mantine-font-size-sm)',
          },
        }}
      >
        <Tabs.List mb="md" style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
          <Tabs.Tab value="data">{t('crm.sections.data')}</Tabs.Tab>
          <Tabs.Tab value="contacts">
            {t('crm.sections.contacts')}{' '}
            <Text span c="dimmed" size="sm">
              {contacts.length}
              {contactsTruncated ? '+' : ''}
            </Text>
          </Tabs.Tab>
          <Tabs.Tab value="org">{t('crm.sections.org_chart')}</Tabs.Tab>
          {documents && (
            <Tabs.Tab value="docs">
              {t('documents.title')}{' '}
              <Text span c="dimmed" size="sm">
                {documents.items.length}
              </Text>
            </Tabs.Tab>
          )}
          <Tabs.Tab value="history">{t('crm.sections.history')}</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="data">
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Paper withBorder radius="md" p="md">
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="sm">
                  <Detail label={field('legalName')}>{company.legalName}</Detail>
                  <Detail label={field('nif')}>{company.nif}</Detail>
                  <Detail label={field('type')}>{labels.type[company.type] ?? company.type}</Detail>
                  <Detail label={field('industry')}>
                    {company.industry
                      ? (labels.industry[company.industry] ?? company.industry)
                      : null}
                  </Detail>
                  <Detail label={field('website')}>
                    {company.website && (
                      <Anchor
                        href={company.website}
                        target="_blank"
                        rel="noopener noreferrer"
                        size="sm"
                      >
                        {company.website.replace(/^https?:\/\//, '')}
                      </Anchor>
                    )}
                  </Detail>
                  <Detail label={field('owner')}>{company.ownerName}</Detail>
                  <Detail
                    label={field('createdAt')}
                  >{`${f.date(company.createdAt)}${company.createdByName ? ` · ${company.createdByName}` : ''}`}</Detail>
                  <Detail label={field('updatedAt')}>{f.date(company.updatedAt)}</Detail>
                </SimpleGrid>
                {company.description && (
                  <Stack mt="md">
                    <Detail label={field('description')}>{company.description}</Detail>
                  </Stack>
                )}
              </Paper>
              {customFields.length > 0 && (
                <Stack mt="md">
                  <CustomFieldDetails fields={customFields} />
                </Stack>
              )}
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack gap="md">
                <Paper withBorder radius="md" p="md">
                  <Title order={5} mb="xs">
                    {t('crm.sections.channels')}
                  </Title>
                  <Stack gap="sm">
                    <ChannelLines
                      items={company.phones}
                      kind="phone"
                      empty={t('crm.form.no_phones')}
                    />
                    <ChannelLines
                      items={company.emails}
                      kind="email"
                      empty={t('crm.form.no_emails')}
                    />
                  </Stack>
                </Paper>
                <Paper withBorder radius="md" p="md">
                  <Title order={5} mb="xs">
                    {t('crm.sections.addresses')}
                  </Title>
                  <AddressLines
                    items={company.addresses}
                    empty={t('crm.form.no_addresses')}
                    kindLabel={(kind) => t(`crm.address_kinds.${kind}`)}
                  />
                </Paper>
              </Stack>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>

        <Tabs.Panel value="contacts">
          <Group justify="space-between" mb="sm">
            <Anchor component={Link} href={`/crm/contacts?company=${company.id}`} size="sm">
              {t('crm.companies.see_all_contacts')}
            </Anchor>
            {can('crm.contacts.create') && (
              <Button
                component={Link}
                href={`/crm/contacts/create?company=${company.id}`}
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} />}
              >
                {t('crm.companies.new_contact')}
              </Button>
            )}
          </Group>
          {contacts.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('crm.companies.no_contacts')}
            </Text>
          ) : (
            <DataTable
              rows={contacts}
              columns={contactColumns}
              rowKey={(c) => c.id}
              onRowClick={(c) => router.visit(`/crm/contacts/${c.id}`)}
            />
          )}
          {contactsTruncated && (
            <Text size="xs" c="dimmed" mt="xs">
              {t('crm.companies.contacts_truncated')}
            </Text>
          )}
        </Tabs.Panel>

        <Tabs.Panel value="org">
          <Paper withBorder radius="md" p="md">
            <OrgChart people={contacts} />
          </Paper>
        </Tabs.Panel>

        {documents && (
          <Tabs.Panel value="docs">
            <Documents panel={documents} />
          </Tabs.Panel>
        )}

        <Tabs.Panel value="history">
          <Paper withBorder radius="md" p="md">
            <RecordHistory
              history={timeline}
              baseUrl={base}
              canNote={allowed.edit}
              fieldPrefix="crm.companies.fields"
              valueLabel={valueLabel}
              customLabels={Object.fromEntries(customFields.map((c) => [`cf.${c.key}`, c.label]))}
            />
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </>
  )
}
