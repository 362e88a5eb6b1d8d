import { useState } from 'react'
import { Head, router } from '@inertiajs/react'
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconPlus } from '@tabler/icons-react'
import { ConfirmButton, DataTable, EmptyState, PageHeader, useT, type Column } from '~/ui'
import { apiJson } from '~/ui/api'
import type {
  AlertKind,
  AlertParams,
  AlertRuleDto,
  AlertRuleInput,
  AlertRulesPageProps,
  RoleOption,
} from '../../dto/alerts'

const BASE = '/analytics/alerts/rules'

/** Alertas › Reglas: what raises an alert, whom it tells and whether it plans a task. */
export default function AlertRules({ rules, kinds, roles, taskTypes }: AlertRulesPageProps) {
  const { t } = useT()
  const L = (key: string, values?: Record<string, unknown>) =>
    t(`analytics.alerts.rules.${key}`, values)
  const [editing, setEditing] = useState<AlertRuleDto | 'new' | null>(null)
  const reload = () => router.reload({ only: ['rules'] })
  const save = async (rule: AlertRuleInput, id?: number) => {
    const result = await apiJson(id ? 'PUT' : 'POST', id ? `${BASE}/${id}` : BASE, rule)
    if (!result.ok)
      return {
        field: result.body.errors?.[0]?.field ?? null,
        message: result.body.errors?.[0]?.message ?? String(result.status),
      }
    notifications.show({ color: 'teal', message: L('saved') })
    reload()
    return null
  }
  const toggle = async (rule: AlertRuleDto) => {
    await apiJson('POST', `${BASE}/${rule.id}/toggle`)
    reload()
  }
  const remove = async (rule: AlertRuleDto) => {
    await apiJson('DELETE', `${BASE}/${rule.id}`)
    notifications.show({ color: 'teal', message: L('deleted') })
    reload()
  }
  const paramText = (r: AlertRuleDto) =>
    Object.entries(r.params)
      .map(([k, v]) => `${t(`analytics.alerts.params.${k}`)}: ${v}`)
      .join(' · ')
  const columns: Column<AlertRuleDto>[] = [
    { key: 'name', header: L('name'), render: (r) => r.name },
    {
      key: 'kind',
      header: L('kind'),
      render: (r) => (
        <Stack gap={0}>
          <Text size="sm">{t(`analytics.alerts.kinds.${r.kind}`)}</Text>
          <Text size="xs" c="dimmed">
            {paramText(r)}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'recipients',
      header: L('recipients'),
      hideOnMobile: true,
      render: (r) =>
        r.roleIds.length
          ? r.roleIds.map((id) => roles.find((x) => x.id === id)?.name ?? `#${id}`).join(', ')
          : L('recipients_none'),
    },
    {
      key: 'enabled',
      header: L('enabled'),
      render: (r) => (
        <Switch
          aria-label={`${L('enabled')}: ${r.name}`}
          checked={r.enabled}
          onChange={() => toggle(r)}
          onClick={(e) => e.stopPropagation()}
        />
      ),
    },
    {
      key: 'actions',
      header: L('actions'),
      render: (r) => (
        <Group gap="xs" wrap="nowrap" onClick={(e) => e.stopPropagation()}>
          <Button
            size="xs"
            variant="light"
            aria-label={`${L('edit')}: ${r.name}`}
            onClick={() => setEditing(r)}
          >
            {L('edit')}
          </Button>
          <ConfirmButton
            size="xs"
            label={L('delete')}
            title={L('delete')}
            message={L('delete_confirm', { name: r.name })}
            confirmLabel={L('delete')}
            onConfirm={() => remove(r)}
          />
        </Group>
      ),
    },
  ]
  return (
    <>
      <Head title={L('title')} />
      <PageHeader
        title={L('title')}
        subtitle={L('subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {L('new')}
          </Button>
        }
      />
      {rules.length === 0 ? (
        <EmptyState title={L('empty')} />
      ) : (
        <DataTable rows={rules} columns={columns} rowKey={(r) => r.id} />
      )}
      {editing && (
        <RuleModal
          rule={editing === 'new' ? null : editing}
          kinds={kinds}
          roles={roles}
          taskTypes={taskTypes}
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

type FieldError = { field: string | null; message: string } | null

function defaults(kinds: AlertRulesPageProps['kinds'], kind: AlertKind): AlertParams {
  const spec = kinds.find((k) => k.kind === kind)?.params ?? []
  return Object.fromEntries(spec.map((p) => [p.key, p.default]))
}

function RuleModal(props: {
  rule: AlertRuleDto | null
  kinds: AlertRulesPageProps['kinds']
  roles: RoleOption[]
  taskTypes: AlertRulesPageProps['taskTypes']
  onClose: () => void
  onSave: (rule: AlertRuleInput) => Promise<FieldError>
}) {
  const { t } = useT()
  const L = (key: string) => t(`analytics.alerts.rules.${key}`)
  const first = props.kinds[0].kind
  const [rule, setRule] = useState<AlertRuleInput>(
    props.rule ?? {
      name: '',
      kind: first,
      enabled: true,
      params: defaults(props.kinds, first),
      roleIds: [],
      createTask: false,
      taskType: 'task',
      taskDueDays: 1,
    }
  )
  const [error, setError] = useState<FieldError>(null)
  const [saving, setSaving] = useState(false)
  const set = (patch: Partial<AlertRuleInput>) => setRule((r) => ({ ...r, ...patch }))
  const errorOf = (field: string) => (error?.field === field ? error.message : undefined)
  const spec = props.kinds.find((k) => k.kind === rule.kind)?.params ?? []
  const submit = async () => {
    setSaving(true)
    setError(await props.onSave(rule))
    setSaving(false)
  }
  return (
    <Modal opened onClose={props.onClose} title={props.rule ? L('edit') : L('new')}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <Stack gap="sm">
          {error && (
            <Text role="alert" c="red.7" size="sm">
              {error.message}
            </Text>
          )}
          <TextInput
            label={L('name')}
            value={rule.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={errorOf('name')}
            required
            maxLength={120}
            data-autofocus
          />
          <Select
            label={L('kind')}
            data-testid="rule-kind"
            data={props.kinds.map((k) => ({
              value: k.kind,
              label: t(`analytics.alerts.kinds.${k.kind}`),
            }))}
            value={rule.kind}
            onChange={(v) => {
              const kind = (v ?? first) as AlertKind
              set({ kind, params: defaults(props.kinds, kind) })
            }}
            description={t(`analytics.alerts.kind_help.${rule.kind}`)}
            allowDeselect={false}
          />
          {spec.map((p) => (
            <NumberInput
              key={p.key}
              label={t(`analytics.alerts.params.${p.key}`)}
              value={rule.params[p.key] ?? ''}
              min={p.min}
              max={p.max}
              clampBehavior="none"
              allowDecimal={false}
              onChange={(v) =>
                set({ params: { ...rule.params, [p.key]: v === '' ? undefined : Number(v) } })
              }
              error={errorOf(`params.${p.key}`)}
              required
            />
          ))}
          <MultiSelect
            label={L('recipients')}
            placeholder={rule.roleIds.length ? undefined : L('recipients_none')}
            data={props.roles.map((r) => ({ value: String(r.id), label: r.name }))}
            value={rule.roleIds.map(String)}
            onChange={(v) => set({ roleIds: v.map(Number) })}
            error={errorOf('roleIds')}
            searchable
          />
          <Switch
            label={L('create_task')}
            checked={rule.createTask}
            onChange={(e) => set({ createTask: e.currentTarget.checked })}
          />
          {rule.createTask && (
            <Group grow align="flex-start">
              <Select
                label={L('task_type')}
                data={props.taskTypes.map((x) => ({ value: x.code, label: x.name }))}
                value={rule.taskType}
                onChange={(v) => set({ taskType: v })}
                error={errorOf('taskType')}
                allowDeselect={false}
              />
              <NumberInput
                label={L('task_due_days')}
                value={rule.taskDueDays ?? ''}
                min={0}
                max={365}
                allowDecimal={false}
                onChange={(v) => set({ taskDueDays: v === '' ? null : Number(v) })}
                error={errorOf('taskDueDays')}
              />
            </Group>
          )}
          <Switch
            label={L('enabled')}
            checked={rule.enabled}
            onChange={(e) => set({ enabled: e.currentTarget.checked })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {L('cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {L('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
