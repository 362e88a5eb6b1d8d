import { Head, useForm, usePage } from '@inertiajs/react'
import {
  Grid,
  NumberInput,
  Paper,
  Rating,
  Select,
  Stack,
  TextInput,
  Textarea,
  Input,
} from '@mantine/core'
import { FormFooter, PageHeader, useT, type Option, type SharedProps } from '~/ui'
import { CompanyPicker } from '../shared/company_picker'
import type { OpportunityDetail } from '../../dto/opportunities'
import type { BoardStage } from './board_parts'
import { fromMinor, toMinor } from './amount_text'
import {
  CompetitorsEditor,
  ContactsEditor,
  competitorsPayload,
  contactsPayload,
  type CompetitorLink,
  type ContactLink,
} from './link_editors'

/** A currency of the selector with its decimals (the organization's setting). */
type CurrencyOption = Option & { decimals: number }

export default function OpportunityForm({
  opportunity,
  stages,
  owners,
  teams,
  currencies,
  sources,
  families,
  companies,
  roles,
}: {
  opportunity: OpportunityDetail | null
  stages: BoardStage[]
  owners: Option[]
  teams: Option[]
  currencies: CurrencyOption[]
  sources: Option[]
  families: Option[]
  companies: Option[]
  roles: Option[]
}) {
  const { t, locale } = useT()
  const me = usePage<SharedProps>().props.shell.user
  const o = opportunity
  // Minor units follow the selected currency: 1 yen is 1, 1 € is 100, 1 dinar (KWD) is 1000.
  const decimalsOf = (code: string) => currencies.find((c) => c.value === code)?.decimals ?? 2
  const form = useForm({
    name: o?.name ?? '',
    companyId: o?.companyId ? String(o.companyId) : '',
    amount: o ? fromMinor(o.amountMinor, locale, decimalsOf(o.currency)) : '',
    currency: o?.currency ?? currencies[0]?.value ?? 'EUR',
    stageId: o ? String(o.stageId) : '',
    probability: o?.probability ?? ('' as number | ''),
    expectedCloseOn: o?.expectedCloseOn ?? '',
    priority: o?.priority ?? 0,
    ownerId: o?.ownerId ? String(o.ownerId) : me ? String(me.id) : '',
    teamId: o?.teamId ? String(o.teamId) : '',
    source: o?.source ?? '',
    productFamily: o?.productFamily ?? '',
    description: o?.description ?? '',
    contacts: (o?.contacts ?? []).map((c): ContactLink => ({
      contactId: String(c.contactId),
      name: c.name,
      role: c.role,
    })),
    competitors: (o?.competitors ?? []).map((c): CompetitorLink => ({
      companyId: String(c.companyId),
      name: c.name,
      strengths: c.strengths ?? '',
      weaknesses: c.weaknesses ?? '',
    })),
  })
  const errors = form.errors as Record<string, string | undefined>
  const field = (name: string) => t(`crm.opportunities.fields.${name}`)
  const title = o ? o.name : t('crm.opportunities.new')
  const back = o ? `/crm/opportunities/${o.id}` : '/crm/opportunities/board'
  const num = (v: string | number) => (v === '' ? undefined : Number(v))

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    form.transform((d) => ({
      name: d.name,
      companyId: d.companyId ? Number(d.companyId) : null,
      amountMinor: d.amount ? toMinor(d.amount, decimalsOf(d.currency)) || d.amount : '0',
      currency: d.currency,
      stageId: num(d.stageId),
      probability: num(d.probability),
      expectedCloseOn: d.expectedCloseOn || null,
      priority: d.priority,
      ownerId: d.ownerId ? Number(d.ownerId) : null,
      ...(o || d.teamId ? { teamId: d.teamId ? Number(d.teamId) : null } : {}),
      source: d.source || null,
      productFamily: d.productFamily || null,
      description: d.description || null,
      contacts: contactsPayload(d.contacts),
      competitors: competitorsPayload(d.competitors),
    }))
    const options = { preserveScroll: 'errors' as const }
    if (o) form.put(`/crm/opportunities/${o.id}`, options)
    else form.post('/crm/opportunities', options)
  }

  return (
    <>
      <Head title={title} />
      <PageHeader
        title={title}
        crumbs={[
          { label: t('crm.opportunities.title'), href: '/crm/opportunities/board' },
          { label: title },
        ]}
      />
      <form onSubmit={submit} noValidate>
        <Paper withBorder radius="md" p="md">
          <Stack>
            <TextInput
              label={field('name')}
              required
              value={form.data.name}
              onChange={(e) => form.setData('name', e.currentTarget.value)}
              error={errors.name}
            />
            <Grid>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <CompanyPicker
                  label={field('company')}
                  initial={companies}
                  value={form.data.companyId || null}
                  onChange={(v) => form.setData('companyId', v ?? '')}
                  error={errors.companyId}
                  clearable
                />
              </Grid.Col>
              <Grid.Col span={{ base: 8, sm: 4 }}>
                <TextInput
                  label={field('amount')}
                  inputMode="decimal"
                  value={form.data.amount}
                  onChange={(e) => form.setData('amount', e.currentTarget.value)}
                  error={errors.amountMinor}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 4, sm: 2 }}>
                <Select
                  label={field('currency')}
                  data={currencies}
                  value={form.data.currency}
                  onChange={(v) => v && form.setData('currency', v)}
                  error={errors.currency}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={field('team')}
                  data={teams}
                  value={form.data.teamId || null}
                  onChange={(v) => form.setData('teamId', v ?? '')}
                  clearable
                  disabled={!o}
                  error={errors.teamId}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={field('stage')}
                  data={stages.map((s) => ({ value: String(s.id), label: s.name }))}
                  value={form.data.stageId || null}
                  onChange={(v) => {
                    // The probability follows the stage (its default); the rep may still change it.
                    const stage = stages.find((st) => String(st.id) === v)
                    form.setData((d) => ({
                      ...d,
                      stageId: v ?? '',
                      probability: stage ? stage.probability : d.probability,
                    }))
                  }}
                  error={errors.stageId ?? errors.lostReason}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <NumberInput
                  label={field('probability')}
                  min={0}
                  max={100}
                  placeholder={t('crm.opportunities.probability_default')}
                  value={form.data.probability}
                  onChange={(v) => form.setData('probability', v === '' ? '' : Number(v))}
                  error={errors.probability}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <TextInput
                  type="date"
                  label={field('expectedCloseOn')}
                  value={form.data.expectedCloseOn}
                  onChange={(e) => form.setData('expectedCloseOn', e.currentTarget.value)}
                  error={errors.expectedCloseOn}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Input.Wrapper label={field('priority')}>
                  <Rating
                    count={3}
                    value={form.data.priority}
                    onChange={(v) => form.setData('priority', v)}
                    aria-label={field('priority')}
                  />
                </Input.Wrapper>
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={field('owner')}
                  data={owners}
                  value={form.data.ownerId || null}
                  onChange={(v) => form.setData('ownerId', v ?? '')}
                  searchable
                  error={errors.ownerId}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={field('source')}
                  data={sources}
                  value={form.data.source || null}
                  onChange={(v) => form.setData('source', v ?? '')}
                  clearable
                  error={errors.source}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={field('productFamily')}
                  data={families}
                  value={form.data.productFamily || null}
                  onChange={(v) => form.setData('productFamily', v ?? '')}
                  clearable
                  error={errors.productFamily}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                {/* No campaign source until the marketing module exists: shown, not usable. */}
                <Select
                  label={t('crm.opportunities.campaign.label')}
                  data={[]}
                  value={null}
                  disabled
                  placeholder={t('crm.opportunities.campaign.placeholder')}
                />
              </Grid.Col>
            </Grid>
            <ContactsEditor
              value={form.data.contacts}
              onChange={(next) => form.setData('contacts', next)}
              roles={roles}
              companyId={form.data.companyId || null}
              error={errors.contacts}
            />
            <CompetitorsEditor
              value={form.data.competitors}
              onChange={(next) => form.setData('competitors', next)}
              error={errors.competitors}
            />
            <Textarea
              label={field('description')}
              autosize
              minRows={3}
              value={form.data.description}
              onChange={(e) => form.setData('description', e.currentTarget.value)}
              error={errors.description}
            />
          </Stack>
        </Paper>
        <FormFooter cancelHref={back} processing={form.processing} />
      </form>
    </>
  )
}
