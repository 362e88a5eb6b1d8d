import { Link, router } from '@inertiajs/react'
import { Alert, Anchor, Group, List, Stack, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { ConfirmButton, useFormat, useT } from '~/ui'
import type { LeadDetail, LeadDuplicate } from '../../dto/leads'

/** "Posibles duplicados": the records the lead may be, with "merge here" for other leads. */
export function DuplicatesAlert({
  duplicates,
  canMerge,
  base,
}: {
  duplicates: LeadDuplicate[]
  canMerge: boolean
  base: string
}) {
  const { t } = useT()
  if (!duplicates.length) return null
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle size={18} />}
      title={t('crm.leads.sections.duplicates')}
      data-testid="duplicates"
    >
      <List size="sm">
        {duplicates.map((d) => (
          <List.Item key={`${d.kind}:${d.id}`}>
            {d.kind === 'lead' && canMerge && (
              <span style={{ marginRight: 8 }}>
                <ConfirmButton
                  label={t('crm.leads.merge')}
                  title={t('crm.leads.merge_title')}
                  message={t('crm.leads.merge_message')}
                  size="compact-xs"
                  variant="light"
                  confirmLabel={t('crm.leads.merge')}
                  onConfirm={() => router.post(`${base}/merge`, { otherId: d.id })}
                />
              </span>
            )}
            <Anchor component={Link} href={d.href} size="sm">
              {t('crm.leads.duplicate_of', {
                kind: t(`crm.leads.duplicate_kinds.${d.kind}`),
                name: d.name,
                key: t(`crm.leads.duplicate_keys.${d.key}`),
              })}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  )
}

/** What a converted lead became, with links. */
export function ConversionAlert({ lead }: { lead: LeadDetail }) {
  const { t } = useT()
  const f = useFormat()
  if (lead.status !== 'converted') return null
  return (
    <Alert color="green" title={t('crm.leads.sections.conversion')} data-testid="conversion">
      <Stack gap={4}>
        <Text size="sm">{t('crm.leads.converted_to', { date: f.date(lead.convertedAt!) })}</Text>
        <Group gap="md">
          {lead.convertedCompanyId && (
            <Anchor component={Link} href={`/crm/companies/${lead.convertedCompanyId}`} size="sm">
              {t('crm.leads.see_company')}
            </Anchor>
          )}
          {lead.convertedContactId && (
            <Anchor component={Link} href={`/crm/contacts/${lead.convertedContactId}`} size="sm">
              {t('crm.leads.see_contact')}
            </Anchor>
          )}
          {lead.convertedOpportunityId && (
            <Anchor
              component={Link}
              href={`/crm/opportunities/${lead.convertedOpportunityId}`}
              size="sm"
            >
              {t('crm.leads.see_opportunity')}
            </Anchor>
          )}
        </Group>
      </Stack>
    </Alert>
  )
}
