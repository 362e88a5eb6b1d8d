import { useState } from 'react'
import { Button, Group, Modal, MultiSelect, Stack, Textarea, TextInput } from '@mantine/core'
import { useT } from '~/ui'
import { apiJson } from '~/ui/api'
import type { PivotState, ReportDto, RoleOption } from '../../dto/pivot'

/**
 * Save a report: a new one (`report` null, or "save as"), or the name, description and roles
 * of an existing one. Errors show next to their field (announced), the rest above the form.
 */
export function ReportModal(props: {
  report: ReportDto | null
  state: PivotState
  roles: RoleOption[]
  onClose: () => void
  onSaved: (id: number) => void
}) {
  const { t } = useT()
  const L = (key: string) => t(`analytics.reports.${key}`)
  const r = props.report
  const [name, setName] = useState(r?.name ?? '')
  const [description, setDescription] = useState(r?.description ?? '')
  const [roleIds, setRoleIds] = useState<string[]>((r?.roleIds ?? []).map(String))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const save = async () => {
    setBusy(true)
    const result = await apiJson<{ id: number }>(
      r ? 'PUT' : 'POST',
      r ? `/analytics/reports/${r.id}` : '/analytics/reports',
      {
        name,
        description: description || null,
        state: props.state,
        roleIds: roleIds.map(Number),
      }
    )
    setBusy(false)
    if (!result.ok) {
      const found: Record<string, string> = {}
      for (const e of result.body.errors ?? []) found[e.field ?? 'form'] ??= e.message
      if (!Object.keys(found).length) found.form = result.body.message ?? String(result.status)
      return setErrors(found)
    }
    props.onSaved(result.body.id)
  }
  const other = Object.entries(errors).filter(([k]) => !['name', 'roleIds'].includes(k))
  return (
    <Modal opened onClose={props.onClose} title={r ? L('modal_edit') : L('modal_new')}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <Stack gap="sm">
          {other.length > 0 && (
            <div role="alert" style={{ color: 'var(--mantine-color-red-7)' }}>
              {other.map(([, m]) => m).join(' ')}
            </div>
          )}
          <TextInput
            label={L('name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name && <span role="alert">{errors.name}</span>}
            withAsterisk
            maxLength={120}
            data-autofocus
          />
          <Textarea
            label={L('description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={2}
          />
          <MultiSelect
            label={L('share')}
            description={L('share_hint')}
            data={props.roles}
            value={roleIds}
            onChange={setRoleIds}
            searchable
            clearable
            error={errors.roleIds && <span role="alert">{errors.roleIds}</span>}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onClose}>
              {L('cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {L('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
