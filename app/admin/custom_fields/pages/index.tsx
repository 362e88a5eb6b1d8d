import { useState } from 'react'
import { Head, router } from '@inertiajs/react'
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core'
import {
  IconArrowDown,
  IconArrowUp,
  IconInfoCircle,
  IconPencil,
  IconPlus,
} from '@tabler/icons-react'
import { ConfirmButton, EmptyState, PageHeader, useT } from '~/ui'
import type { AdminField, CustomFieldsPageProps } from '../dto.js'
import { FieldEditor } from './field_editor'

export default function CustomFieldsPage({ resources, current, fields }: CustomFieldsPageProps) {
  const { t } = useT()
  const title = t('custom_fields.admin.title')
  const [editing, setEditing] = useState<AdminField | 'new' | null>(null)
  const move = (f: AdminField, direction: 'up' | 'down') =>
    router.post(`/admin/custom-fields/${f.id}/move`, { direction }, { preserveScroll: true })
  return (
    <>
      <Head title={title} />
      <PageHeader
        title={title}
        subtitle={t('custom_fields.admin.subtitle')}
        crumbs={[{ label: t('admin.nav.title') }, { label: title }]}
        actions={
          current ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              {t('custom_fields.admin.add')}
            </Button>
          ) : undefined
        }
      />
      {!current ? (
        <EmptyState
          title={t('custom_fields.admin.no_resources_title')}
          description={t('custom_fields.admin.no_resources_description')}
        />
      ) : (
        <Stack gap="md">
          {resources.length > 1 && (
            <SegmentedControl
              aria-label={t('custom_fields.admin.resource')}
              data={resources.map((r) => ({ value: r.key, label: r.label }))}
              value={current}
              onChange={(resource) => router.get('/admin/custom-fields', { resource })}
              style={{ alignSelf: 'flex-start' }}
            />
          )}
          <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />}>
            <Text size="sm">{t('custom_fields.admin.inactive_note')}</Text>
          </Alert>
          {!fields.length ? (
            <EmptyState
              title={t('custom_fields.admin.empty_title')}
              description={t('custom_fields.admin.empty_description')}
            />
          ) : (
            <Stack gap="xs">
              {fields.map((f, i) => (
                <Paper key={f.id} withBorder radius="md" p="xs" data-testid="custom-field">
                  <Group gap="xs" wrap="nowrap" align="center">
                    <Stack gap={2}>
                      <ActionIcon
                        variant="subtle"
                        aria-label={`${t('custom_fields.admin.up')}: ${f.label}`}
                        disabled={i === 0}
                        onClick={() => move(f, 'up')}
                      >
                        <IconArrowUp size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        aria-label={`${t('custom_fields.admin.down')}: ${f.label}`}
                        disabled={i === fields.length - 1}
                        onClick={() => move(f, 'down')}
                      >
                        <IconArrowDown size={16} />
                      </ActionIcon>
                    </Stack>
                    <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                      <Group gap="xs">
                        <Text fw={600} c={f.active ? undefined : 'dimmed'}>
                          {f.label}
                        </Text>
                        <Badge variant="light" size="sm">
                          {t(`custom_fields.types.${f.type}`)}
                        </Badge>
                      </Group>
                      <Group gap={6}>
                        <Text size="xs" c="dimmed" ff="monospace">
                          cf.{f.key}
                        </Text>
                        {f.required && (
                          <Badge size="xs" color="orange" variant="light">
                            {t('custom_fields.admin.badges.required')}
                          </Badge>
                        )}
                        {f.showInList && (
                          <Badge size="xs" color="teal" variant="light">
                            {t('custom_fields.admin.badges.in_list')}
                          </Badge>
                        )}
                        {!f.active && (
                          <Badge size="xs" color="gray" variant="light">
                            {t('custom_fields.admin.badges.inactive')}
                          </Badge>
                        )}
                        {f.used > 0 && (
                          <Text size="xs" c="dimmed">
                            {t('custom_fields.admin.badges.used', { count: f.used })}
                          </Text>
                        )}
                      </Group>
                    </Stack>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        variant="default"
                        size="xs"
                        leftSection={<IconPencil size={14} />}
                        onClick={() => setEditing(f)}
                        aria-label={`${t('custom_fields.admin.edit')}: ${f.label}`}
                      >
                        {t('custom_fields.admin.edit')}
                      </Button>
                      <ConfirmButton
                        size="xs"
                        label={t('custom_fields.admin.delete')}
                        aria-label={`${t('custom_fields.admin.delete')}: ${f.label}`}
                        title={t('custom_fields.admin.delete_title', { name: f.label })}
                        message={t('custom_fields.admin.delete_message', { count: f.used })}
                        onConfirm={() =>
                          router.delete(`/admin/custom-fields/${f.id}`, { preserveScroll: true })
                        }
                      />
                    </Group>
                  </Group>
                </Paper>
              ))}
            </Stack>
          )}
          {editing && (
            <FieldEditor
              resource={current}
              field={editing === 'new' ? null : editing}
              onClose={() => setEditing(null)}
            />
          )}
        </Stack>
      )}
    </>
  )
}
