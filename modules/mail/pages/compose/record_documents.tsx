import { Checkbox, Group, Stack, Text } from '@mantine/core'
import { useT } from '~/ui'
import { formatBytes } from '~/ui/upload'
import type { RecordDocumentDto } from '../../dto/compose'

interface Props {
  recordName: string
  documents: RecordDocumentDto[]
  /** Picked document ids (as strings, the checkboxes' values). */
  value: string[]
  onChange: (ids: string[]) => void
  error?: string
}

/** The record's documents, each a checkbox: picked ones go with the mail as attachments. */
export function RecordDocuments({ recordName, documents, value, onChange, error }: Props) {
  const { t, locale } = useT()
  if (!documents.length) return null
  return (
    <Checkbox.Group
      label={t('mail.compose.documents', { name: recordName })}
      description={t('mail.compose.documents_help')}
      value={value}
      onChange={onChange}
      error={error}
    >
      <Stack gap={6} mt={6}>
        {documents.map((doc) => (
          <Checkbox
            key={doc.id}
            value={String(doc.id)}
            label={
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {doc.name}
                </Text>
                <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                  {`${doc.typeLabel} · ${formatBytes(doc.size, locale)}`}
                </Text>
              </Group>
            }
          />
        ))}
      </Stack>
    </Checkbox.Group>
  )
}
