import { useState } from 'react'
import { Head, router } from '@inertiajs/react'
import { Badge, Box, Button, Modal, Paper, Text } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import {
  ConfirmButton,
  DataTable,
  PageHeader,
  formatAmount,
  formatDate,
  useT,
  type Column,
  inlineRow,
  listFrame,
  usePhone,
} from '~/ui'
import { CurrencyForm, RateForm, example, rateText, type Currency } from './currency_forms'

interface Props {
  currencies: Currency[]
  /** Rate history against the default, newest first, by currency code. */
  rates: Record<string, { rate: string; effectiveOn: string }[]>
}

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
