import { useState } from 'react'
import { Head, router, useForm } from '@inertiajs/react'
import {
  Badge,
  Box,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import {
  ConfirmButton,
  DataTable,
  ErrorSummary,
  FormFooter,
  PageHeader,
  formatAmount,
  formatDate,
  useT,
  type Column,
} from '~/ui'
import { inlineRow, listFrame, usePhone } from '../shared'

interface Currency {
  code: string
  symbol: string
  decimals: number
  isDefault: boolean
  rate: string | null
  rateOn: string | null
}

interface Props {
  currencies: Currency[]
  /** Rate history against the default, newest first, by currency code. */
  rates: Record<string, { rate: string; effectiveOn: string }[]>
}

/** 1234.56 in the currency's minor units, whatever its decimals: the example amount. */
const example = (decimals: number) => (123456n * 10n ** BigInt(decimals)) / 100n

/** A decimal rate written the reader's way ("1,0825" in Spanish). */
const rateText = (rate: string, locale: string) => (locale === 'es' ? rate.replace('.', ',') : rate)

type Dialog =
  { kind: 'add' } | { kind: 'edit'; currency: Currency } | { kind: 'rate'; currency: Currency }

export default function CurrenciesPage({ currencies, rates }: Props) {
  const { t, locale } = useT()
  const phone = usePhone()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const base = currencies.find((c) => c.isDefault)
  const title = t('admin.settings.currencies.title')
  const columns: Column<Currency>[] = [
    {
      key: 'code',
      header: t('admin.settings.currencies.columns.code'),
      render: (c) => (
        <Box component="span" style={inlineRow}>
          <Text span fw={600}>
            {c.code}
          </Text>
          {c.isDefault && (
            <Badge component="span" variant="light" color="teal">
              {t('admin.settings.currencies.default_badge')}
            </Badge>
          )}
        </Box>
      ),
    },
    {
      key: 'example',
      header: t('admin.settings.currencies.columns.example'),
      render: (c) => (
        <Text span size="sm" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {formatAmount(example(c.decimals), c, locale)}
        </Text>
      ),
    },
    {
      key: 'decimals',
      header: t('admin.settings.currencies.columns.decimals'),
      render: (c) => String(c.decimals),
      hideOnMobile: true,
    },
    {
      key: 'rate',
      header: t('admin.settings.currencies.columns.rate'),
      render: (c) =>
        c.isDefault ? (
          '—'
        ) : c.rate && c.rateOn ? (
          t('admin.settings.currencies.rate_since', {
            rate: `1 ${c.code} = ${rateText(c.rate, locale)} ${base?.code ?? ''}`,
            // A calendar date: read in UTC, never shifted by the reader's time zone.
            date: formatDate(c.rateOn, locale, 'UTC'),
          })
        ) : (
          <Text span size="sm" c="dimmed">
            {t('admin.settings.currencies.no_rate')}
          </Text>
        ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      render: (c) => (
        <Box component="span" style={inlineRow}>
          <Button
            size="xs"
            variant="default"
            onClick={() => setDialog({ kind: 'edit', currency: c })}
          >
            {t('common.edit')}
          </Button>
          {!c.isDefault && (
            <>
              <Button
                size="xs"
                variant="default"
                onClick={() => setDialog({ kind: 'rate', currency: c })}
              >
                {t('admin.settings.currencies.set_rate')}
              </Button>
              <ConfirmButton
                size="xs"
                variant="default"
                color="gray"
                label={t('admin.settings.currencies.make_default')}
                title={t('admin.settings.currencies.default_title')}
                message={t('admin.settings.currencies.default_message', { code: c.code })}
                confirmLabel={t('admin.settings.currencies.make_default')}
                onConfirm={() =>
                  router.post(
                    `/admin/settings/currencies/${c.code}/default`,
                    {},
                    { preserveScroll: true }
                  )
                }
              />
              <ConfirmButton
                size="xs"
                label={t('common.delete')}
                title={t('admin.settings.currencies.delete_title')}
                message={t('admin.settings.currencies.delete_message', { code: c.code })}
                onConfirm={() =>
                  router.delete(`/admin/settings/currencies/${c.code}`, { preserveScroll: true })
                }
              />
            </>
          )}
        </Box>
      ),
    },
  ]
  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'add' })}>
      {t('admin.settings.currencies.new')}
    </Button>
  )
  return (
    <>
      <Head title={title} />
      <PageHeader
        title={title}
        subtitle={t('admin.settings.currencies.subtitle')}
        crumbs={[
          { label: t('admin.nav.title') },
          { label: t('admin.settings.title') },
          { label: title },
        ]}
        actions={addButton}
      />
      <Paper radius="md" {...listFrame(phone)}>
        <DataTable rows={currencies} columns={columns} rowKey={(c) => c.code} />
      </Paper>
      {currencies.length < 2 && (
        <Text size="sm" c="dimmed" mt="sm">
          {t('admin.settings.currencies.empty')}
        </Text>
      )}
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        fullScreen={phone}
        title={
          dialog?.kind === 'rate'
            ? t('admin.settings.currencies.rate_title', { code: dialog.currency.code })
            : t(
                dialog?.kind === 'edit'
                  ? 'admin.settings.currencies.edit'
                  : 'admin.settings.currencies.new'
              )
        }
      >
        {dialog?.kind === 'rate' && (
          <RateForm
            currency={dialog.currency}
            base={base?.code ?? ''}
            history={rates[dialog.currency.code] ?? []}
            onDone={() => setDialog(null)}
          />
        )}
        {dialog && dialog.kind !== 'rate' && (
          <CurrencyForm
            currency={dialog.kind === 'edit' ? dialog.currency : null}
            onDone={() => setDialog(null)}
          />
        )}
      </Modal>
    </>
  )
}

function CurrencyForm({ currency, onDone }: { currency: Currency | null; onDone: () => void }) {
  const { t, locale } = useT()
  const form = useForm({
    code: currency?.code ?? '',
    symbol: currency?.symbol ?? '',
    decimals: currency?.decimals ?? 2,
  })
  const errors = form.errors as Record<string, string | undefined>
  const code = form.data.code.trim().toUpperCase()
  let sample = ''
  try {
    if (/^[A-Z]{3}$/.test(code))
      sample = formatAmount(example(form.data.decimals), { ...form.data, code }, locale)
  } catch {
    sample = ''
  }
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const options = { preserveScroll: true, onSuccess: onDone }
    if (currency) form.put(`/admin/settings/currencies/${currency.code}`, options)
    else form.post('/admin/settings/currencies', options)
  }
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} mb="md" />
      <Stack gap="sm">
        <TextInput
          label={t('admin.settings.currencies.fields.code')}
          description={t('admin.settings.currencies.fields.code_help')}
          value={form.data.code}
          onChange={(e) => form.setData('code', e.currentTarget.value.toUpperCase())}
          error={errors.code}
          maxLength={3}
          disabled={currency !== null}
          required
        />
        <TextInput
          label={t('admin.settings.currencies.fields.symbol')}
          value={form.data.symbol}
          onChange={(e) => form.setData('symbol', e.currentTarget.value)}
          error={errors.symbol}
          maxLength={8}
          required
        />
        <NumberInput
          label={t('admin.settings.currencies.fields.decimals')}
          value={form.data.decimals}
          onChange={(v) => form.setData('decimals', Number(v) || 0)}
          min={0}
          max={4}
          allowDecimal={false}
          error={errors.decimals}
        />
        {sample && (
          <Text size="sm" c="dimmed">
            {t('admin.settings.currencies.columns.example')}: {sample}
          </Text>
        )}
      </Stack>
      <FormFooter processing={form.processing}>
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </FormFooter>
    </form>
  )
}

function RateForm({
  currency,
  base,
  history,
  onDone,
}: {
  currency: Currency
  base: string
  history: { rate: string; effectiveOn: string }[]
  onDone: () => void
}) {
  const { t, locale } = useT()
  const form = useForm({ rate: '', effectiveOn: new Date().toISOString().slice(0, 10) })
  const errors = form.errors as Record<string, string | undefined>
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    form.post(`/admin/settings/currencies/${currency.code}/rates`, {
      preserveScroll: true,
      onSuccess: onDone,
    })
  }
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} mb="md" />
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('admin.settings.currencies.rate_help', { code: currency.code, base })}
        </Text>
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            label={t('admin.settings.currencies.fields.rate')}
            inputMode="decimal"
            placeholder={locale === 'es' ? '1,0825' : '1.0825'}
            value={form.data.rate}
            onChange={(e) => form.setData('rate', e.currentTarget.value)}
            error={errors.rate}
            required
            style={{ minWidth: 140 }}
          />
          <TextInput
            type="date"
            label={t('admin.settings.currencies.fields.effective_on')}
            value={form.data.effectiveOn}
            onChange={(e) => form.setData('effectiveOn', e.currentTarget.value)}
            error={errors.effectiveOn}
            required
            style={{ minWidth: 140 }}
          />
        </Group>
        <Text size="sm" fw={600}>
          {t('admin.settings.currencies.history')}
        </Text>
        {history.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('admin.settings.currencies.no_history')}
          </Text>
        ) : (
          <Table withRowBorders={false} verticalSpacing={2}>
            <Table.Tbody>
              {history.map((h) => (
                <Table.Tr key={h.effectiveOn}>
                  <Table.Td>{formatDate(h.effectiveOn, locale, 'UTC')}</Table.Td>
                  <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {rateText(h.rate, locale)} {base}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <FormFooter processing={form.processing}>
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </FormFooter>
    </form>
  )
}
