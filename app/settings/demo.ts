import { saveCurrency } from './currencies.js'
import { setRate } from './exchange_rates.js'
import { saveSeries } from './number_series.js'

/**
 * Demo settings: two more currencies with a short rate history, and the number series the
 * sales and purchasing modules will ask for.
 */
export async function seedDemoSettings(organizationId: number) {
  await saveCurrency(organizationId, { code: 'USD', symbol: '$', decimals: 2 })
  await saveCurrency(organizationId, { code: 'GBP', symbol: '£', decimals: 2 })
  const year = new Date().getUTCFullYear()
  await setRate(organizationId, { code: 'USD', rate: '0.9310', effectiveOn: `${year}-01-01` })
  await setRate(organizationId, { code: 'USD', rate: '0.9215', effectiveOn: `${year}-06-01` })
  await setRate(organizationId, { code: 'GBP', rate: '1.1720', effectiveOn: `${year}-01-01` })
  const series = [
    {
      key: 'sales.quotes',
      name: 'Presupuestos',
      prefix: 'P{YYYY}-',
      padding: 4,
      resetYearly: true,
    },
    { key: 'sales.invoices', name: 'Facturas', prefix: 'F{YYYY}-', padding: 5, resetYearly: true },
    {
      key: 'sales.credit_notes',
      name: 'Facturas rectificativas',
      prefix: 'R{YY}/',
      padding: 4,
      resetYearly: true,
    },
    {
      key: 'purchasing.orders',
      name: 'Pedidos de compra',
      prefix: 'PC-',
      padding: 6,
      resetYearly: false,
    },
  ]
  for (const s of series) await saveSeries(organizationId, { ...s, nextNumber: 1 })
}
