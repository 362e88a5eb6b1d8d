import { useState } from 'react'
import { ActionIcon, Group, Input, Stack, Text } from '@mantine/core'
import { Dropzone } from '@mantine/dropzone'
import { IconFile, IconPaperclip, IconX } from '@tabler/icons-react'
import { useT } from '~/ui'
import { formatBytes } from '~/ui/upload'

interface Props {
  files: File[]
  onChange: (files: File[]) => void
  limits: { files: number; bytes: number }
  /** The record's documents picked too: they count against the same limits. */
  reserved: { size: number }[]
  /** The server's refusal (too many, too large), shown under the list. */
  error?: string
}

/**
 * The compose form's attachments: drop files or pick them (the zone opens the file dialog with
 * Enter or Space), each listed with its size and a remove button. Limits are checked here first
 * (the server checks them again) and a refused pick leaves the list as it was.
 */
export function AttachmentsInput({ files, onChange, limits, reserved, error }: Props) {
  const { t, locale } = useT()
  const [refused, setRefused] = useState<string | null>(null)
  const total = files.reduce((sum, f) => sum + f.size, 0)
  const add = (picked: File[]) => {
    const next = [...files, ...picked]
    const bytes = [...next, ...reserved].reduce((sum, f) => sum + f.size, 0)
    if (next.length + reserved.length > limits.files)
      return setRefused(t('mail.compose.errors.too_many_files', { max: limits.files }))
    if (bytes > limits.bytes)
      return setRefused(
        t('mail.compose.errors.too_large', {
          size: formatBytes(bytes, locale),
          limit: formatBytes(limits.bytes, locale),
        })
      )
    setRefused(null)
    onChange(next)
  }
  const shown = refused ?? error
  return (
    <Stack gap={6}>
      <Input.Label id="compose-attachments-label">{t('mail.compose.attachments')}</Input.Label>
      <Dropzone
        onDrop={add}
        multiple
        activateOnKeyboard
        aria-labelledby="compose-attachments-label"
        radius="md"
        p="sm"
        data-testid="compose-dropzone"
      >
        <Group gap="sm" wrap="nowrap" style={{ pointerEvents: 'none' }}>
          <IconPaperclip size={22} stroke={1.5} aria-hidden style={{ flexShrink: 0 }} />
          <div>
            <Text size="sm">{t('mail.compose.attach')}</Text>
            <Text size="xs" c="dimmed">
              {t('mail.compose.attachments_help', {
                files: limits.files,
                size: formatBytes(limits.bytes, locale),
              })}
            </Text>
          </div>
        </Group>
      </Dropzone>
      {files.length > 0 && (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {files.map((file, index) => (
            <Group key={`${file.name}-${index}`} component="li" gap="xs" wrap="nowrap">
              <IconFile size={18} stroke={1.5} aria-hidden style={{ flexShrink: 0 }} />
              <Text size="sm" truncate style={{ flex: 1, minWidth: 0 }}>
                {file.name}
              </Text>
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                {formatBytes(file.size, locale)}
              </Text>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('mail.compose.remove_attachment', { name: file.name })}
                onClick={() => {
                  setRefused(null)
                  onChange(files.filter((_, i) => i !== index))
                }}
              >
                <IconX size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Text size="xs" c="dimmed">
            {t('mail.compose.attachments_total', {
              count: files.length,
              size: formatBytes(total, locale),
            })}
          </Text>
        </Stack>
      )}
      {shown && (
        <Text size="sm" c="red" role="alert">
          {shown}
        </Text>
      )}
    </Stack>
  )
}
