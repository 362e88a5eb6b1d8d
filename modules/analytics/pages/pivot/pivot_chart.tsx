import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { useT } from '~/ui'
import type { PivotGrid } from '../../dto/pivot'
import { axisText } from './labels'
import { useFigure } from './pivot_table'

const COLORS = [
  '#1c7ed6',
  '#f76707',
  '#37b24d',
  '#ae3ec9',
  '#f59f00',
  '#0ca678',
  '#e03131',
  '#495057',
]

/**
 * The pivot as a chart: one point per leaf row (x), one series per leaf column and measure;
 * subtotals and totals stay in the table. Money is drawn in major units.
 */
export function PivotChart({ grid, type }: { grid: PivotGrid; type: 'bar' | 'line' }) {
  const { t, locale } = useT()
  const figure = useFigure()
  const words = { empty: t('analytics.pivot.empty'), quarter: t('analytics.pivot.quarter'), locale }
  const R = grid.rowMembers.length
  const C = grid.columnMembers.length
  const M = grid.measures.length
  const rows = grid.rows.map((row, index) => ({ row, index })).filter(({ row }) => row.level === R)
  const columns = grid.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.level === C)
  const series = columns.flatMap(({ column, index }) =>
    grid.measures.map((measure, m) => ({
      key: `s${index}_${m}`,
      cell: index * M + m,
      measure,
      name: [
        ...column.values.map((v, i) => axisText(v, grid.columnMembers[i], words)),
        ...(M > 1 || C === 0 ? [measure.title] : []),
      ].join(' · '),
    }))
  )
  const data = rows.map(({ row, index }) => ({
    x: R
      ? row.values.map((v, i) => axisText(v, grid.rowMembers[i], words)).join(' · ')
      : t('analytics.pivot.total'),
    ...Object.fromEntries(
      series.map((s) => {
        const v = grid.cells[index][s.cell]
        return [s.key, v === null ? null : s.measure.money ? v / 100 : v]
      })
    ),
  }))
  const Chart = type === 'line' ? LineChart : BarChart
  return (
    <div
      style={{ width: '100%', height: 360 }}
      role="img"
      aria-label={series.map((s) => s.name).join(', ')}
    >
      <ResponsiveContainer>
        <Chart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="x" tick={{ fontSize: 12 }} />
          <YAxis
            tick={{ fontSize: 12 }}
            width={72}
            // Short figures in the user's language (4 mil, 1,2 M), as the dashboards draw them.
            tickFormatter={(v: number) =>
              new Intl.NumberFormat(locale, {
                notation: 'compact',
                maximumFractionDigits: 1,
              }).format(v)
            }
          />
          <Tooltip
            formatter={(value: any, _name: any, item: any) => {
              const s = series.find((x) => x.key === item.dataKey)
              if (!s || value === null) return value
              return figure(s.measure.money ? Number(value) * 100 : Number(value), s.measure)
            }}
          />
          <Legend />
          {series.map((s, i) =>
            type === 'line' ? (
              <Line key={s.key} dataKey={s.key} name={s.name} stroke={COLORS[i % COLORS.length]} />
            ) : (
              <Bar key={s.key} dataKey={s.key} name={s.name} fill={COLORS[i % COLORS.length]} />
            )
          )}
        </Chart>
      </ResponsiveContainer>
    </div>
  )
}
