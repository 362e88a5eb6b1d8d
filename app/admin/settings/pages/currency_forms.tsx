import { useForm } from '@inertiajs/react'
import { Button, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core'
import { ErrorSummary, FormFooter, formatAmount, formatDate, useT } from '~/ui'

/** The currency dialogs of Administración › Monedas (no page of their own). */

export interface Currency {
  code: string
  symbol: string
  decimals: number
  isDefault: boolean
  rate: string | null
  rateOn: string | null
}

/** 1234.56 in the currency's minor units, whatever its decimals: the example amount. */
export const example = (decimals: number) => (123456n * 10n ** BigInt(decimals)) / 100n

/** A decimal rate written the reader's way ("1,0825" in Spanish). */
export const rateText = (rate: string, locale: string) =>
  locale === 'es' ? rate.replace('.', ',') : rate

export function CurrencyForm({
  currency,
  onDone,
}: {
  currency: Currency | null
  onDone: () => void
}) {
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

export function RateForm({
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
