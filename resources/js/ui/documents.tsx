import { useRef, useState, type RefObject } from 'react'
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import { Dropzone } from '@mantine/dropzone'
import { IconDownload, IconFile, IconTrash, IconUpload } from '@tabler/icons-react'
import { router } from '@inertiajs/react'
import { useT } from './i18n'
import { useFormat } from './format'
import { ConfirmButton } from './confirm_button'
import { formatBytes, uploadFile, UploadError } from './upload'

/** One document as the server lists it (app/documents). */
export interface DocumentItem {
  id: number
  name: string
  size: number
  contentType: string
  typeLabel: string
  uploadedByName: string | null
  createdAt: string
}

/** The documents block of a record page, as `documentsPanel()` builds it on the server. */
export interface DocumentsPanelProps {
  items: DocumentItem[]
  url: string
  canEdit: boolean
  maxFileSize: number
  allowed: string[]
  accept: string[]
}

interface Upload {
  key: number
  name: string
  progress: number
  error: string | null
}

/** Files sent at the same time; the others wait their turn. */
const PARALLEL = 3

/**
 * A record's documents: the list (download, delete to the bin after confirming) and, for users
 * who may edit the record, a drop zone that uploads several files at once, one request each,
 * with a progress bar per file. Errors are translated by the server and announced.
 * `reload` names the page props to refresh after uploads (the documents and the timeline).
 */
export function Documents({
  panel,
  reload = ['documents', 'timeline'],
  openRef: outerOpen,
}: {
  panel: DocumentsPanelProps
  reload?: string[]
  /** Filled with the function that opens the file picker (the record page's "Adjuntar"). */
  openRef?: RefObject<(() => void) | null>
}) {
  const { t, locale } = useT()
  const f = useFormat()
  const [uploads, setUploads] = useState<Upload[]>([])
  const counter = useRef(0)
  const ownOpen = useRef<() => void>(null)
  const openRef = outerOpen ?? ownOpen

  const patch = (key: number, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)))

  const start = async (files: File[]) => {
    const queued = files.map((file) => ({ file, key: ++counter.current }))
    setUploads((list) => [
      ...list.filter((u) => u.error),
      ...queued.map(({ file, key }) => ({ key, name: file.name, progress: 0, error: null })),
    ])
    let next = 0
    let uploaded = 0
    const worker = async () => {
      while (next < queued.length) {
        const { file, key } = queued[next++]
        try {
          await uploadFile(panel.url, file, (progress) => patch(key, { progress }))
          uploaded++
          setUploads((list) => list.filter((u) => u.key !== key))
        } catch (error) {
          const reason =
            error instanceof UploadError && error.message
              ? error.message
              : t(
                  error instanceof UploadError && error.expired
                    ? 'documents.errors.session'
                    : 'documents.errors.network'
                )
          const message =
            error instanceof UploadError && error.fromServer && reason.includes(file.name)
              ? reason
              : t('documents.upload_failed', { name: file.name, reason })
          patch(key, { error: message, progress: 0 })
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(PARALLEL, queued.length) }, worker))
    if (uploaded) router.reload({ only: reload })
  }

  const errors = uploads.filter((u) => u.error)
  const running = uploads.filter((u) => !u.error)

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={5}>
          {t('documents.title')}{' '}
          <Text span c="dimmed" size="sm">
            {panel.items.length}
          </Text>
        </Title>
        {panel.canEdit && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconUpload size={14} />}
            onClick={() => openRef.current?.()}
          >
            {t('documents.choose')}
          </Button>
        )}
      </Group>

      {panel.canEdit && (
        <Dropzone
          onDrop={start}
          openRef={openRef}
          multiple
          activateOnKeyboard
          aria-label={t('documents.drop')}
          radius="md"
          p="md"
          mb="sm"
          data-testid="documents-dropzone"
        >
          <Group justify="center" gap="sm" wrap="nowrap" style={{ pointerEvents: 'none' }}>
            <IconUpload size={28} stroke={1.5} aria-hidden style={{ flexShrink: 0 }} />
            <div>
              <Text size="sm">{t('documents.drop')}</Text>
              <Text size="xs" c="dimmed">
                {t('documents.limits', {
                  size: formatBytes(panel.maxFileSize, locale),
                  types: panel.allowed.join(', '),
                })}
              </Text>
            </div>
          </Group>
        </Dropzone>
      )}

      <div role="alert" aria-live="assertive">
        {errors.map((u) => (
          <Text key={u.key} size="sm" c="red" mb={4} data-testid="document-error">
            {u.error}
          </Text>
        ))}
      </div>
      {running.map((u) => (
        <Stack key={u.key} gap={2} mb="xs">
          <Text size="xs" truncate>
            {t('documents.uploading', { name: u.name })}
          </Text>
          <Progress
            value={u.progress}
            size="sm"
            animated={u.progress < 100}
            aria-label={t('documents.uploading', { name: u.name })}
          />
        </Stack>
      ))}

      {panel.items.length === 0 ? (
        <Stack align="center" gap={4} py="md" ta="center">
          <Text fw={600} size="sm">
            {t('documents.empty')}
          </Text>
          {panel.canEdit && (
            <Text size="xs" c="dimmed" maw={420}>
              {t('documents.empty_hint')}
            </Text>
          )}
        </Stack>
      ) : (
        <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {panel.items.map((d) => (
            <Group
              key={d.id}
              component="li"
              justify="space-between"
              wrap="nowrap"
              gap="xs"
              py="xs"
              style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
              data-testid="document-row"
            >
              <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                <IconFile size={20} stroke={1.5} aria-hidden style={{ flexShrink: 0 }} />
                <div style={{ minWidth: 0 }}>
                  <Anchor
                    href={`/documents/${d.id}/download`}
                    size="sm"
                    fw={500}
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {d.name}
                  </Anchor>
                  <Group gap={6} wrap="wrap">
                    <Badge size="xs" variant="light" color="gray">
                      {d.typeLabel}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {formatBytes(d.size, locale)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('documents.uploaded_by', {
                        name: d.uploadedByName ?? '—',
                        date: f.dateTime(d.createdAt),
                      })}
                    </Text>
                  </Group>
                </div>
              </Group>
              <Group gap={4} wrap="nowrap">
                <ActionIcon
                  component="a"
                  href={`/documents/${d.id}/download`}
                  variant="subtle"
                  aria-label={t('documents.download', { name: d.name })}
                >
                  <IconDownload size={16} />
                </ActionIcon>
                {panel.canEdit && (
                  <ConfirmButton
                    label={<IconTrash size={16} />}
                    aria-label={`${t('documents.delete')} ${d.name}`}
                    title={t('documents.delete_title')}
                    message={t('documents.delete_message', { name: d.name })}
                    variant="subtle"
                    size="compact-sm"
                    onConfirm={() =>
                      router.delete(`/documents/${d.id}`, { preserveScroll: true, only: reload })
                    }
                  />
                )}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  )
}
