import { useState } from 'react'
import {
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { ConfirmButton, useFormat, useT } from '~/ui'
import { apiJson } from '~/ui/api'
import { fromMinor, toMinor } from '../opportunities/amount_text'
import type { QuotaDto, QuotaKind, QuotaOption } from '../../dto/quotas'

const KINDS: QuotaKind[] = ['user', 'team', 'zone', 'family']

/** The annual amount split in twelve equal months, the rounding remainder in December. */
export function splitEvenly(annualMinor: string): string[] {
  const total = BigInt(annualMinor || '0')
  const base = total / 12n
  return Array.from({ length: 12 }, (_, i) => String(i === 11 ? total - base * 11n : base))
}

/** Create or edit a quota (annual amount + twelve months); its cumulative figures when saved. */
export function QuotaModal(props: {
  quota: QuotaDto | null
  year: number
  currency: string
  canManage: boolean
  options: Record<QuotaKind, QuotaOption[]>
  monthName: (month: number) => string
  onClose: () => void
  onSaved: () => void
}) {
  const { t, locale } = useT()
  const f = useFormat()
  const L = (key: string, values?: Record<string, unknown>) => t(`crm.quotas.${key}`, values)
  const q = props.quota
  const [kind, setKind] = useState<QuotaKind>(q?.kind ?? 'user')
  const initialTarget = q ? String(q.userId ?? q.teamId ?? q.targetCode ?? '') : null
  const [target, setTarget] = useState<string | null>(initialTarget)
  const [annual, setAnnual] = useState(q ? fromMinor(q.amountMinor, locale) : '')
  const [months, setMonths] = useState<string[]>(
    q ? q.months.map((m) => fromMinor(m, locale)) : Array(12).fill('')
  )
  const [error, setError] = useState<string | null>(null)
  const minorOf = (text: string) => toMinor(text) || '0'
  const sum = months.reduce((s, m) => s + BigInt(minorOf(m)), 0n)
  const annualMinor = minorOf(annual)
  const readOnly = !props.canManage
  const save = async () => {
    const body = {
      kind,
      userId: kind === 'user' && target ? Number(target) : null,
      teamId: kind === 'team' && target ? Number(target) : null,
      targetCode: kind === 'zone' || kind === 'family' ? target : null,
      year: q?.year ?? props.year,
      amountMinor: annualMinor,
      months: months.map(minorOf),
    }
    const result = await apiJson(
      q ? 'PUT' : 'POST',
      q ? `/crm/quotas/${q.id}` : '/crm/quotas',
      body
    )
    if (!result.ok) return setError(result.body.errors?.[0]?.message ?? String(result.status))
    notifications.show({ color: 'teal', message: L('saved') })
    props.onSaved()
  }
  const destroy = async () => {
    if (!q) return
    const result = await apiJson('DELETE', `/crm/quotas/${q.id}`)
    if (!result.ok) return setError(String(result.status))
    notifications.show({ color: 'teal', message: L('deleted') })
    props.onSaved()
  }
  return (
    <Modal
      opened
      onClose={props.onClose}
      size="lg"
      title={q ? `${L(`kinds.${q.kind}`)}: ${q.targetLabel} · ${q.year}` : L('new')}
    >
      <Stack gap="sm">
        {error && (
          <div role="alert" style={{ color: 'var(--mantine-color-red-7)' }}>
            {error}
          </div>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Select
            label={L('kind')}
            data={KINDS.map((k) => ({ value: k, label: L(`kinds.${k}`) }))}
            value={kind}
            onChange={(v) => {
              setKind((v as QuotaKind) ?? 'user')
              setTarget(null)
            }}
            allowDeselect={false}
            disabled={readOnly || !!q}
          />
          <Select
            label={L('target_of')}
            data={props.options[kind]}
            value={target}
            onChange={setTarget}
            searchable
            disabled={readOnly || !!q}
            placeholder={q?.targetLabel}
          />
        </SimpleGrid>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={`${L('annual')} (${props.currency})`}
            value={annual}
            onChange={(e) => setAnnual(e.currentTarget.value)}
            readOnly={readOnly}
            inputMode="decimal"
            style={{ flex: 1 }}
          />
          {!readOnly && (
            <Button
              variant="light"
              onClick={() => setMonths(splitEvenly(annualMinor).map((m) => fromMinor(m, locale)))}
            >
              {L('split')}
            </Button>
          )}
        </Group>
        <Text size="sm" fw={500}>
          {L('months_label')}
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="xs">
          {months.map((value, i) => (
            <TextInput
              key={i}
              label={props.monthName(i + 1)}
              value={value}
              readOnly={readOnly}
              inputMode="decimal"
              size="xs"
              onChange={(e) => {
                const text = e.currentTarget.value
                setMonths((all) => all.map((m, j) => (j === i ? text : m)))
              }}
            />
          ))}
        </SimpleGrid>
        <Text size="sm" c={sum === BigInt(annualMinor) ? 'dimmed' : 'red'}>
          {L('months_sum', { sum: f.money(sum.toString()) })}
        </Text>
        {q && <Cumulative quota={q} monthName={props.monthName} />}
        <Group justify="space-between">
          {q && !readOnly ? (
            <ConfirmButton
              variant="subtle"
              color="red"
              label={L('delete')}
              title={L('delete')}
              message={`${L(`kinds.${q.kind}`)}: ${q.targetLabel} · ${q.year}`}
              onConfirm={destroy}
            />
          ) : (
            <span />
          )}
          <Group gap="sm">
            <Button variant="default" onClick={props.onClose}>
              {L('close')}
            </Button>
            {!readOnly && <Button onClick={save}>{L('save')}</Button>}
          </Group>
        </Group>
      </Stack>
    </Modal>
  )
}

/** Target vs achieved (and last year) summed month by month. */
function Cumulative({ quota, monthName }: { quota: QuotaDto; monthName: (m: number) => string }) {
  const { t } = useT()
  const f = useFormat()
  const L = (key: string) => t(`crm.quotas.${key}`)
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {L('cumulative')}
      </Text>
      <Table.ScrollContainer minWidth={360}>
        <Table striped fz="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{L('month')}</Table.Th>
              <Table.Th ta="right">{L('cumulative_target')}</Table.Th>
              <Table.Th ta="right">{L('cumulative_actual')}</Table.Th>
              <Table.Th ta="right">{L('cumulative_previous')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {quota.attainment.cumulative.map((c) => (
              <Table.Tr key={c.month}>
                <Table.Td>{monthName(c.month)}</Table.Td>
                <Table.Td ta="right">{f.money(c.targetMinor)}</Table.Td>
                <Table.Td ta="right">{f.money(c.actualMinor)}</Table.Td>
                <Table.Td ta="right">{f.money(c.previousMinor)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  )
}
