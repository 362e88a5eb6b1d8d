import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useT } from '../i18n'
import type { CustomFieldDisplay } from './types'
import { useCustomValueText } from './value_text'

/** A record page's custom fields, in a section of their own (nothing when there are none). */
export function CustomFieldDetails({ fields }: { fields: CustomFieldDisplay[] }) {
  const { t } = useT()
  const text = useCustomValueText()
  if (!fields.length) return null
  return (
    <Paper withBorder radius="md" p="md" data-testid="custom-field-details">
      <Title order={5} mb="sm">
        {t('custom_fields.section')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {fields.map((f) => (
          <Stack key={f.key} gap={2}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {f.label}
            </Text>
            {f.type === 'link' && f.value ? (
              <Anchor href={String(f.value)} target="_blank" rel="noopener noreferrer" size="sm">
                {String(f.value)}
              </Anchor>
            ) : (
              <Text
                size="sm"
                style={{ whiteSpace: f.type === 'long_text' ? 'pre-wrap' : undefined }}
              >
                {text(f.type, f.value, f.text)}
              </Text>
            )}
          </Stack>
        ))}
      </SimpleGrid>
    </Paper>
  )
}
