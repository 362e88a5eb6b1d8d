import { Alert, Paper, Stack, Text } from '@mantine/core'
import { useT } from '~/ui'

const FIELD = /\{\{\s*([a-zA-Z_][\w.]*)\s*\}\}/g

/** The text with merge fields filled in (the server fills them the same way on sending). */
export function fillMerge(text: string, values: Record<string, string>) {
  const unknown = new Set<string>()
  const empty = new Set<string>()
  const out = text.replace(FIELD, (whole, name: string) => {
    const key = name.toLowerCase()
    if (!(key in values)) {
      unknown.add(`{{${name}}}`)
      return whole
    }
    if (!values[key]) empty.add(`{{${name}}}`)
    return values[key]
  })
  return { text: out, unknown: [...unknown], empty: [...empty] }
}

/** Subject and body as the recipient will read them, with unknown and empty fields named. */
export function MergePreview({
  subject,
  body,
  values,
}: {
  subject: string
  body: string
  values: Record<string, string>
}) {
  const { t } = useT()
  const s = fillMerge(subject, values)
  const b = fillMerge(body, values)
  const unknown = [...new Set([...s.unknown, ...b.unknown])]
  const empty = [...new Set([...s.empty, ...b.empty])]
  return (
    <Paper withBorder p="md" aria-labelledby="merge-preview-title">
      <Stack gap="xs">
        <Text id="merge-preview-title" fw={600} size="sm">
          {t('mail.compose.preview')}
        </Text>
        {unknown.length > 0 && (
          <Alert color="red" role="alert">
            {t('mail.compose.unknown_fields', { fields: unknown.join(', ') })}
          </Alert>
        )}
        {empty.length > 0 && (
          <Alert color="yellow">
            {t('mail.compose.empty_fields', { fields: empty.join(', ') })}
          </Alert>
        )}
        <Text fw={600} data-testid="preview-subject">
          {s.text}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-body">
          {b.text}
        </Text>
      </Stack>
    </Paper>
  )
}
