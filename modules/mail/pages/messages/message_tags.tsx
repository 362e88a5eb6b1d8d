import { Badge, Group } from '@mantine/core'
import { useT } from '~/ui'

/** The tags capture rules put on a message, as stored (words of the organization, untranslated). */
export function MessageTags({ tags }: { tags: string[] }) {
  const { t } = useT()
  if (!tags.length) return null
  return (
    <Group gap={4} mb={6} aria-label={t('mail.triage.tags')} role="list">
      {tags.map((tag) => (
        <Badge key={tag} role="listitem" variant="outline" color="grape" size="sm" tt="none">
          {tag}
        </Badge>
      ))}
    </Group>
  )
}
