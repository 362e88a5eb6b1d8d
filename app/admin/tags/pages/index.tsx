import { useState } from 'react'
import { Head, router } from '@inertiajs/react'
import { Badge, Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { ConfirmButton, EmptyState, PageHeader, useT } from '~/ui'

interface TagRow {
  id: number
  name: string
  color: string
  uses: number
}

/** Administración › Etiquetas: every tag with its usage, renamed, recoloured or deleted in place. */
export default function TagsAdminPage({ tags, colors }: { tags: TagRow[]; colors: string[] }) {
  const { t } = useT()
  const title = t('admin.tags.title')
  return (
    <>
      <Head title={title} />
      <PageHeader
        title={title}
        subtitle={t('admin.tags.subtitle')}
        crumbs={[{ label: t('admin.nav.title') }, { label: title }]}
      />
      {!tags.length ? (
        <EmptyState
          title={t('admin.tags.empty_title')}
          description={t('admin.tags.empty_description')}
        />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.tags.name')}</Table.Th>
                  <Table.Th>{t('admin.tags.color')}</Table.Th>
                  <Table.Th ta="right">{t('admin.tags.uses')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tags.map((tag) => (
                  <TagLine key={`${tag.id}-${tag.name}-${tag.color}`} tag={tag} colors={colors} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </>
  )
}

function TagLine({ tag, colors }: { tag: TagRow; colors: string[] }) {
  const { t } = useT()
  const [name, setName] = useState(tag.name)
  const [color, setColor] = useState(tag.color)
  const changed = name.trim() !== tag.name || color !== tag.color
  // A refused name (another tag folds to it) comes back as a field error: shown as a notice.
  const save = () =>
    changed &&
    router.put(
      `/admin/tags/${tag.id}`,
      { name, color },
      {
        preserveScroll: true,
        onError: (errors) =>
          notifications.show({ color: 'red', message: Object.values(errors).join(' ') }),
      }
    )
  return (
    <Table.Tr data-testid="tag-row">
      <Table.Td>
        <TextInput
          aria-label={t('admin.tags.name')}
          value={name}
          maxLength={50}
          onChange={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && save()}
          size="sm"
        />
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('admin.tags.color')}
          data={colors.map((c) => ({ value: c, label: t(`tags.colors.${c}`) }))}
          value={color}
          onChange={(v) => v && setColor(v)}
          allowDeselect={false}
          renderOption={({ option }) => (
            <Badge color={option.value} variant="light" tt="none">
              {option.label}
            </Badge>
          )}
          leftSection={<Badge color={color} variant="filled" size="xs" circle aria-hidden />}
          size="sm"
          w={180}
        />
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">{tag.uses}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <Button size="xs" variant="default" onClick={save} disabled={!changed || !name.trim()}>
            {t('admin.tags.save')}
          </Button>
          <ConfirmButton
            size="xs"
            label={t('admin.tags.delete')}
            title={t('admin.tags.delete_title', { name: tag.name })}
            message={t('admin.tags.delete_message', { count: tag.uses })}
            onConfirm={() => router.delete(`/admin/tags/${tag.id}`, { preserveScroll: true })}
          />
        </Group>
      </Table.Td>
    </Table.Tr>
  )
}
