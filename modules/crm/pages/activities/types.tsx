import { useState } from 'react'
import { Head, router } from '@inertiajs/react'
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconEdit, IconPlus } from '@tabler/icons-react'
import { DataTable, NavIcon, PageHeader, useT, type Column } from '~/ui'
import { apiJson } from '~/ui/api'
import type { ActivityTypeDto } from '../../dto/activities'

const COLORS = [
  'blue',
  'cyan',
  'teal',
  'green',
  'lime',
  'yellow',
  'orange',
  'red',
  'pink',
  'grape',
  'violet',
  'indigo',
  'gray',
]

/** CRM › Tipos de actividad: name in both languages, icon, colour, defaults and chaining. */
export default function ActivityTypes({ types }: { types: ActivityTypeDto[] }) {
  const { t } = useT()
  const [editing, setEditing] = useState<ActivityTypeDto | 'new' | null>(null)
  const name = (id: number | null) => types.find((x) => x.id === id)?.name ?? '—'
  const columns: Column<ActivityTypeDto>[] = [
    {
      key: 'name',
      header: t('crm.activities.fields.type'),
      render: (x) => (
        <Group gap="xs" wrap="nowrap">
          <span aria-hidden style={{ color: `var(--mantine-color-${x.color}-6)` }}>
            <NavIcon name={x.icon} />
          </span>
          {x.name}
          {!x.active && <Badge color="gray">{t('crm.activity_types.inactive')}</Badge>}
        </Group>
      ),
    },
    { key: 'delay', header: t('crm.activity_types.delay'), render: (x) => x.defaultDelayDays },
    {
      key: 'duration',
      header: t('crm.activity_types.duration'),
      render: (x) => x.defaultDurationMin,
    },
    {
      key: 'next',
      header: t('crm.activity_types.next'),
      render: (x) => (x.nextTypeId ? `${name(x.nextTypeId)} (+${x.nextDelayDays ?? 0})` : '—'),
    },
    {
      key: 'edit',
      header: '',
      render: (x) => (
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconEdit size={14} />}
          onClick={() => setEditing(x)}
        >
          {t('crm.activity_types.edit')}
        </Button>
      ),
    },
  ]
  return (
    <>
      <Head title={t('crm.activity_types.title')} />
      <PageHeader
        title={t('crm.activity_types.title')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('crm.activity_types.new')}
          </Button>
        }
      />
      <DataTable rows={types} columns={columns} rowKey={(x) => x.id} />
      {editing && (
        <TypeModal
          type={editing === 'new' ? null : editing}
          types={types}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  )
}

function TypeModal({
  type,
  types,
  onClose,
}: {
  type: ActivityTypeDto | null
  types: ActivityTypeDto[]
  onClose: () => void
}) {
  const { t } = useT()
  const [form, setForm] = useState({
    nameEs: type?.nameEs ?? '',
    nameEn: type?.nameEn ?? '',
    icon: type?.icon ?? 'checkbox',
    color: type?.color ?? 'blue',
    defaultDelayDays: type?.defaultDelayDays ?? 0,
    defaultDurationMin: type?.defaultDurationMin ?? 30,
    nextTypeId: type?.nextTypeId ?? null,
    nextDelayDays: type?.nextDelayDays ?? null,
    active: type?.active ?? true,
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }))
  const save = async () => {
    const result = await apiJson(
      type ? 'PUT' : 'POST',
      type ? `/crm/activity-types/${type.id}` : '/crm/activity-types',
      form
    )
    if (!result.ok) {
      setErrors(
        Object.fromEntries((result.body.errors ?? []).map((e) => [e.field ?? '_', e.message]))
      )
      return
    }
    notifications.show({ color: 'teal', message: t('crm.activity_types.saved') })
    onClose()
    router.reload({ only: ['types'] })
  }
  const L = (key: string) => t(`crm.activity_types.${key}`)
  return (
    <Modal opened onClose={onClose} title={type ? type.name : L('new')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            label={L('name_es')}
            value={form.nameEs}
            onChange={(e) => set({ nameEs: e.currentTarget.value })}
            error={errors.nameEs}
            required
          />
          <TextInput
            label={L('name_en')}
            value={form.nameEn}
            onChange={(e) => set({ nameEn: e.currentTarget.value })}
            error={errors.nameEn}
            required
          />
          <TextInput
            label={L('icon')}
            value={form.icon}
            onChange={(e) => set({ icon: e.currentTarget.value })}
            error={errors.icon}
            leftSection={<NavIcon name={form.icon} size={16} />}
          />
          <Select
            label={L('color')}
            data={COLORS}
            value={form.color}
            onChange={(v) => set({ color: v ?? 'blue' })}
            allowDeselect={false}
          />
          <NumberInput
            label={L('delay')}
            value={form.defaultDelayDays}
            onChange={(v) => set({ defaultDelayDays: Number(v) || 0 })}
            min={0}
          />
          <NumberInput
            label={L('duration')}
            value={form.defaultDurationMin}
            onChange={(v) => set({ defaultDurationMin: Number(v) || 0 })}
            min={0}
            step={15}
          />
          <Select
            label={L('next')}
            data={[
              { value: '', label: L('next_none') },
              ...types
                .filter((x) => x.id !== type?.id)
                .map((x) => ({ value: String(x.id), label: x.name })),
            ]}
            value={form.nextTypeId ? String(form.nextTypeId) : ''}
            onChange={(v) => set({ nextTypeId: v ? Number(v) : null })}
            error={errors.nextTypeId}
          />
          <NumberInput
            label={L('next_delay')}
            value={form.nextDelayDays ?? ''}
            onChange={(v) => set({ nextDelayDays: v === '' ? null : Number(v) })}
            min={0}
            disabled={!form.nextTypeId}
          />
        </SimpleGrid>
        <Checkbox
          label={L('active')}
          checked={form.active}
          onChange={(e) => set({ active: e.currentTarget.checked })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('crm.activities.close')}
          </Button>
          <Button onClick={save}>{t('crm.activities.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  )
}
