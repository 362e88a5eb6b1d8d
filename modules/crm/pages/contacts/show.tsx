import { useMemo } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import { Anchor, Button, Grid, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconEdit } from '@tabler/icons-react'
import { useMediaQuery } from '@mantine/hooks'
import {
  ConfirmButton,
  Documents,
  PageHeader,
  useFormat,
  useT,
  type DocumentsPanelProps,
  ChannelLines,
  Detail,
  RecordHistory,
  type HistoryPage as History,
} from '~/ui'
import { crmHistoryValueLabel } from '../shared/history_labels'
import { CustomFieldDetails, type CustomFieldDisplay } from '~/ui/custom_fields'
import type { ContactDetail as Contact, PersonLink as Person } from '../../dto/contacts'
import type { RecordActions } from '../../dto/shared'

function PersonLine({ person }: { person: Person }) {
  return (
    <div>
      <Anchor component={Link} href={`/crm/contacts/${person.id}`} size="sm" fw={500}>
        {person.name}
      </Anchor>
      {person.position && (
        <Text size="xs" c="dimmed">
          {person.position}
        </Text>
      )}
    </div>
  )
}

/** A contact: details, phones and e-mails, where they sit in the org chart, and history. */
export default function ContactShow({
  contact,
  allowed,
  manager,
  reports,
  timeline,
  documents,
  customFields = [],
}: {
  contact: Contact
  /** Whether this record is within the user's edit and delete scopes. */
  allowed: RecordActions
  manager: Person | null
  reports: Person[]
  timeline: History
  /** Null when the user may not see the contact's documents. */
  documents: DocumentsPanelProps | null
  customFields?: CustomFieldDisplay[]
}) {
  const { t, locale } = useT()
  const valueLabel = useMemo(() => crmHistoryValueLabel(t, locale), [t, locale])
  const f = useFormat()
  const base = `/crm/contacts/${contact.id}`
  const field = (name: string) => t(`crm.contacts.fields.${name}`)
  const subtitle = [contact.position, contact.companyName].filter(Boolean).join(' · ')
  // Wide screens: history under the details; phones: after phones and org chart.
  const wide = useMediaQuery('(min-width: 62em)')
  const history = (
    <Paper withBorder radius="md" p="md">
      <Title order={5} mb="sm">
        {t('crm.sections.history')}
      </Title>
      <RecordHistory
        history={timeline}
        baseUrl={base}
        canNote={allowed.edit}
        fieldPrefix="crm.contacts.fields"
        valueLabel={valueLabel}
        customLabels={Object.fromEntries(customFields.map((c) => [`cf.${c.key}`, c.label]))}
      />
    </Paper>
  )

  return (
    <>
      <Head title={contact.fullName} />
      <PageHeader
        title={contact.fullName}
        subtitle={subtitle || undefined}
        crumbs={[
          { label: t('crm.contacts.title'), href: '/crm/contacts' },
          { label: contact.fullName },
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
                title={t('crm.contacts.delete_title')}
                message={t('crm.contacts.delete_message')}
                onConfirm={() => router.delete(base)}
              />
            )}
          </>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              <Title order={5} mb="sm">
                {t('crm.sections.data')}
              </Title>
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="sm">
                <Detail label={field('company')}>
                  {contact.companyId ? (
                    <Anchor component={Link} href={`/crm/companies/${contact.companyId}`} size="sm">
                      {contact.companyName}
                    </Anchor>
                  ) : null}
                </Detail>
                <Detail label={field('position')}>{contact.position}</Detail>
                <Detail label={field('department')}>{contact.department}</Detail>
                <Detail label={field('owner')}>{contact.ownerName}</Detail>
                <Detail
                  label={field('createdAt')}
                >{`${f.date(contact.createdAt)}${contact.createdByName ? ` · ${contact.createdByName}` : ''}`}</Detail>
                <Detail label={field('updatedAt')}>{f.date(contact.updatedAt)}</Detail>
              </SimpleGrid>
              {contact.notes && (
                <Stack mt="md">
                  <Detail label={field('notes')}>{contact.notes}</Detail>
                </Stack>
              )}
            </Paper>
            <CustomFieldDetails fields={customFields} />
            {wide && history}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              <Title order={5} mb="xs">
                {t('crm.sections.channels')}
              </Title>
              <Stack gap="sm">
                <ChannelLines items={contact.phones} kind="phone" empty={t('crm.form.no_phones')} />
                <ChannelLines items={contact.emails} kind="email" empty={t('crm.form.no_emails')} />
              </Stack>
            </Paper>
            <Paper withBorder radius="md" p="md" data-testid="org-chart">
              <Title order={5} mb="xs">
                {t('crm.sections.org_chart')}
              </Title>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('crm.org_chart.manager')}
              </Text>
              {manager ? (
                <PersonLine person={manager} />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('crm.org_chart.no_manager')}
                </Text>
              )}
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="sm">
                {t('crm.org_chart.reports')}
              </Text>
              {reports.length ? (
                <Stack gap={6}>
                  {reports.map((p) => (
                    <PersonLine key={p.id} person={p} />
                  ))}
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('crm.org_chart.no_reports')}
                </Text>
              )}
            </Paper>
            {documents && <Documents panel={documents} />}
            {!wide && history}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  )
}
