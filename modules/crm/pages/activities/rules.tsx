import { useState } from 'react'
import { Head, router } from '@inertiajs/react'
import { Button, Group, Modal, NumberInput, Select, Stack, Switch, TextInput } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconPlus } from '@tabler/icons-react'
import { DataTable, EmptyState, PageHeader, useT, type Column } from '~/ui'
import { apiJson } from '~/ui/api'

interface Rule {
  id: number
  name: string
  trigger: string
  stageId: number | null
  days: number | null
  hours: number | null
  typeId: number | null
  title: string | null
  active: boolean
}
type Option = { value: string; label: string }

const TRIGGERS = [
  'opportunity_stage_entered',
  'opportunity_idle',
  'lead_unassigned',
  'message_received',
]
/** Triggers that wait hours (the others days). */
const BY_HOURS = new Set(['lead_unassigned', 'message_received'])

/** CRM › Tareas automáticas: each rule plans an activity once per case (a unique rule key). */
export default function TaskRules({
  rules,
  types,
  stages,
}: {
  rules: Rule[]
  types: Option[]
  stages: Option[]
}) {
  const { t } = useT()
  const [editing, setEditing] = useState<Rule | 'new' | null>(null)
  const L = (key: string) => t(`crm.task_rules.${key}`)
  const save = async (rule: Partial<Rule>, id?: number) => {
    const result = await apiJson(
      id ? 'PUT' : 'POST',
      id ? `/crm/task-rules/${id}` : '/crm/task-rules',
      rule
    )
    if (!result.ok) return result.body.errors?.[0]?.message ?? String(result.status)
    notifications.show({ color: 'teal', message: L('saved') })
    router.reload({ only: ['rules'] })
    return null
  }
  const columns: Column<Rule>[] = [
    { key: 'name', header: L('name'), render: (r) => r.name },
    {
      key: 'trigger',
      header: L('trigger'),
      render: (r) =>
        `${L(`triggers.${r.trigger}`)}${r.stageId ? `: ${stages.find((s) => s.value === String(r.stageId))?.label ?? ''}` : ''}`,
    },
    {
      key: 'active',
      header: L('active'),
      render: (r) => (
        <Switch
          aria-label={`${L('active')}: ${r.name}`}
          checked={r.active}
          onChange={(e) => save({ ...r, active: e.currentTarget.checked }, r.id)}
          onClick={(e) => e.stopPropagation()}
        />
      ),
    },
  ]
  return (
    <>
      <Head title={L('title')} />
      <PageHeader
        title={L('title')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {L('new')}
          </Button>
        }
      />
      {rules.length === 0 ? (
        <EmptyState title={L('empty')} />
      ) : (
        <DataTable rows={rules} columns={columns} rowKey={(r) => r.id} onRowClick={setEditing} />
      )}
      {editing && (
        <RuleModal
          rule={editing === 'new' ? null : editing}
          types={types}
          stages={stages}
          onClose={() => setEditing(null)}
          onSave={async (rule) => {
            const error = await save(rule, editing === 'new' ? undefined : editing.id)
            if (!error) setEditing(null)
            return error
          }}
        />
      )}
    </>
  )
}

function RuleModal(props: {
  rule: Rule | null
  types: Option[]
  stages: Option[]
  onClose: () => void
  onSave: (rule: Partial<Rule>) => Promise<string | null>
}) {
  const { t } = useT()
  const L = (key: string) => t(`crm.task_rules.${key}`)
  const [rule, setRule] = useState<Partial<Rule>>(
    props.rule ?? { name: '', trigger: TRIGGERS[0], days: 3, hours: 1, active: true }
  )
  const [error, setError] = useState<string | null>(null)
  const set = (patch: Partial<Rule>) => setRule((r) => ({ ...r, ...patch }))
  const num = (v: string | number) => (v === '' ? null : Number(v))
  return (
    <Modal opened onClose={props.onClose} title={props.rule?.name ?? L('new')}>
      <Stack gap="sm">
        {error && (
          <div role="alert" style={{ color: 'var(--mantine-color-red-7)' }}>
            {error}
          </div>
        )}
        <TextInput
          label={L('name')}
          value={rule.name ?? ''}
          onChange={(e) => set({ name: e.currentTarget.value })}
          required
        />
        <Select
          label={L('trigger')}
          data={TRIGGERS.map((v) => ({ value: v, label: L(`triggers.${v}`) }))}
          value={rule.trigger ?? null}
          onChange={(v) => set({ trigger: v ?? TRIGGERS[0] })}
          allowDeselect={false}
        />
        {rule.trigger === 'opportunity_stage_entered' && (
          <Select
            label={L('stage')}
            data={props.stages}
            value={rule.stageId ? String(rule.stageId) : null}
            onChange={(v) => set({ stageId: v ? Number(v) : null })}
          />
        )}
        {BY_HOURS.has(rule.trigger ?? '') ? (
          <NumberInput
            label={L('hours')}
            value={rule.hours ?? ''}
            onChange={(v) => set({ hours: num(v) })}
            min={1}
          />
        ) : (
          <NumberInput
            label={L('days')}
            value={rule.days ?? ''}
            onChange={(v) => set({ days: num(v) })}
            min={0}
          />
        )}
        <Select
          label={L('type')}
          data={props.types}
          value={rule.typeId ? String(rule.typeId) : null}
          onChange={(v) => set({ typeId: v ? Number(v) : null })}
          clearable
        />
        <TextInput
          label={L('task_title')}
          value={rule.title ?? ''}
          onChange={(e) => set({ title: e.currentTarget.value || null })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('crm.activities.close')}
          </Button>
          <Button onClick={async () => setError(await props.onSave(rule))}>
            {t('crm.activities.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
