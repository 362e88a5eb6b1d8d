import { Link, router } from '@inertiajs/react'
import { Alert, Anchor, Badge, Button, Group, List, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconLink, IconLinkOff } from '@tabler/icons-react'
import { ConfirmButton, useFormat, useT } from '~/ui'
import type { LeadDetail, LeadDuplicate } from '../../dto/leads'

/** The existing company and contact a lead is linked to ("Vincular"), for its conversion. */
export interface LeadLinks {
  company: { id: number; name: string } | null
  contact: { id: number; name: string } | null
}

/**
 * "Posibles duplicados": the records the lead may be, with "merge here" for other leads and
 * "Vincular" for an existing company or contact (conversion then pre-selects it).
 */
export function DuplicatesAlert({
  duplicates,
  canMerge,
  canLink = false,
  links = { company: null, contact: null },
  base,
}: {
  duplicates: LeadDuplicate[]
  canMerge: boolean
  canLink?: boolean
  links?: LeadLinks
  base: string
}) {
  const { t } = useT()
  if (!duplicates.length && !links.company && !links.contact) return null
  const link = (kind: 'company' | 'contact', id: number | null) =>
    router.post(`${base}/link`, { kind, id }, { preserveScroll: true })
  const linkedRows = (['company', 'contact'] as const).filter(
    (kind) => links[kind] && !duplicates.some((d) => d.kind === kind && d.id === links[kind]!.id)
  )
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle size={18} />}
      title={t('crm.leads.sections.duplicates')}
      data-testid="duplicates"
    >
      <List size="sm" spacing={6}>
        {duplicates.map((d) => {
          const linked = d.kind !== 'lead' && links[d.kind]?.id === d.id
          return (
            <List.Item key={`${d.kind}:${d.id}`}>
              <Group gap={8} wrap="wrap">
                {d.kind === 'lead' && canMerge && (
                  <ConfirmButton
                    label={t('crm.leads.merge')}
                    title={t('crm.leads.merge_title')}
                    message={t('crm.leads.merge_message')}
                    size="compact-xs"
                    variant="light"
                    confirmLabel={t('crm.leads.merge')}
                    onConfirm={() => router.post(`${base}/merge`, { otherId: d.id })}
                  />
                )}
                {d.kind !== 'lead' && canLink && !linked && (
                  <Button
                    size="compact-xs"
                    variant="light"
                    leftSection={<IconLink size={12} />}
                    title={t('crm.leads.link_help')}
                    onClick={() => link(d.kind as 'company' | 'contact', d.id)}
                    data-testid={`link-${d.kind}-${d.id}`}
                  >
                    {t('crm.leads.link')}
                  </Button>
                )}
                {linked && (
                  <Badge
                    size="sm"
                    variant="light"
                    color="green"
                    leftSection={<IconLink size={10} />}
                  >
                    {t('crm.leads.linked_badge')}
                  </Badge>
                )}
                {linked && canLink && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="gray"
                    leftSection={<IconLinkOff size={12} />}
                    onClick={() => link(d.kind as 'company' | 'contact', null)}
                  >
                    {t('crm.leads.unlink')}
                  </Button>
                )}
                <Anchor component={Link} href={d.href} size="sm">
                  {t('crm.leads.duplicate_of', {
                    kind: t(`crm.leads.duplicate_kinds.${d.kind}`),
                    name: d.name,
                    key: t(`crm.leads.duplicate_keys.${d.key}`),
                  })}
                </Anchor>
              </Group>
            </List.Item>
          )
        })}
        {linkedRows.map((kind) => (
          <List.Item key={`linked:${kind}`}>
            <Group gap={8} wrap="wrap">
              <Text size="sm">
                {t('crm.leads.linked_to', {
                  kind: t(`crm.leads.duplicate_kinds.${kind}`),
                  name: links[kind]!.name,
                })}
              </Text>
              {canLink && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="gray"
                  leftSection={<IconLinkOff size={12} />}
                  onClick={() => link(kind, null)}
                >
                  {t('crm.leads.unlink')}
                </Button>
              )}
            </Group>
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
