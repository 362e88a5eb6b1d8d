import { useForm } from '@inertiajs/react'
import {
  ActionIcon,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { ErrorSummary, fieldError, useT } from '~/ui'
// The one list of field types (the server validates against it too); a pure file pages may import.
import { FIELD_TYPES, type FieldType } from '../../../custom_fields/types.js'
import type { AdminField } from '../dto.js'

interface Choice {
  code?: string
  label: string
  active: boolean
}

/** Add or edit one field, in a dialog (the type is fixed once records hold values). */
export function FieldEditor(props: {
  resource: string
  field: AdminField | null
  onClose: () => void
}) {
  const { resource, field, onClose } = props
  const { t } = useT()
  const form = useForm({
    resource,
    label: field?.label ?? '',
    type: field?.type ?? 'text',
    required: field?.required ?? false,
    showInList: field?.showInList ?? false,
    active: field?.active ?? true,
    decimals: field?.decimals ?? 0,
    choices: (field?.choices ?? []) as Choice[],
  })
  const errors = form.errors as Record<string, string | undefined>
  const data = form.data
  const isList = data.type === 'list' || data.type === 'multi_list'
  const setChoice = (i: number, patch: Partial<Choice>) =>
    form.setData(
      'choices',
      data.choices.map((c, j) => (i === j ? { ...c, ...patch } : c))
    )

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    form.transform((d) => ({
      ...d,
      choices: isList ? d.choices : undefined,
      decimals: d.type === 'number' ? d.decimals : undefined,
    }))
    const options = { preserveScroll: true, onSuccess: onClose }
    if (field) form.put(`/admin/custom-fields/${field.id}`, options)
    else form.post('/admin/custom-fields', options)
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={
        field
          ? t('custom_fields.admin.edit_title', { name: field.label })
          : t('custom_fields.admin.new_title')
      }
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} mb="md" />
        <Stack gap="sm">
          <TextInput
            label={t('custom_fields.admin.fields.label')}
            value={data.label}
            onChange={(e) => form.setData('label', e.currentTarget.value)}
            error={errors.label}
            required
            maxLength={120}
            data-autofocus
          />
          <Select
            label={t('custom_fields.admin.fields.type')}
            data={FIELD_TYPES.map((type) => ({
              value: type,
              label: t(`custom_fields.types.${type}`),
            }))}
            value={data.type}
            onChange={(v) => v && form.setData('type', v as FieldType)}
            allowDeselect={false}
            disabled={!!field && field.used > 0}
            description={field && field.used > 0 ? t('custom_fields.admin.type_fixed') : undefined}
            error={errors.type}
          />
          {data.type === 'number' && (
            <NumberInput
              label={t('custom_fields.admin.fields.decimals')}
              value={data.decimals}
              min={0}
              max={6}
              onChange={(v) => form.setData('decimals', Number(v) || 0)}
              error={errors.decimals}
              maw={160}
            />
          )}
          {isList && (
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                {t('custom_fields.admin.fields.choices')}
              </Text>
              {data.choices.map((c, i) => (
                <Group key={c.code ?? `new-${i}`} gap="xs" wrap="nowrap">
                  <TextInput
                    aria-label={`${t('custom_fields.admin.fields.choice')} ${i + 1}`}
                    value={c.label}
                    onChange={(e) => setChoice(i, { label: e.currentTarget.value })}
                    error={errors[`choices.${i}.label`]}
                    style={{ flex: 1 }}
                  />
                  <Switch
                    checked={c.active}
                    onChange={(e) => setChoice(i, { active: e.currentTarget.checked })}
                    label={t('custom_fields.admin.fields.active')}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`${t('custom_fields.admin.remove_choice')} ${i + 1}`}
                    onClick={() =>
                      form.setData(
                        'choices',
                        data.choices.filter((_, j) => j !== i)
                      )
                    }
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              {fieldError(errors, 'choices') && (
                <Text size="sm" c="red" role="alert">
                  {fieldError(errors, 'choices')}
                </Text>
              )}
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() =>
                  form.setData('choices', [...data.choices, { label: '', active: true }])
                }
                style={{ alignSelf: 'flex-start' }}
              >
                {t('custom_fields.admin.add_choice')}
              </Button>
            </Stack>
          )}
          <Switch
            label={t('custom_fields.admin.fields.required')}
            checked={data.required}
            onChange={(e) => form.setData('required', e.currentTarget.checked)}
          />
          <Switch
            label={t('custom_fields.admin.fields.show_in_list')}
            checked={data.showInList && data.type !== 'long_text'}
            disabled={data.type === 'long_text'}
            onChange={(e) => form.setData('showInList', e.currentTarget.checked)}
          />
          <Switch
            label={t('custom_fields.admin.fields.active')}
            checked={data.active}
            onChange={(e) => form.setData('active', e.currentTarget.checked)}
          />
        </Stack>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={onClose}>
            {t('custom_fields.admin.cancel')}
          </Button>
          <Button type="submit" loading={form.processing}>
            {t('custom_fields.admin.save')}
          </Button>
        </Group>
      </form>
    </Modal>
  )
}
