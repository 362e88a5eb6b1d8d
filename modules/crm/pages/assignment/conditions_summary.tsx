import { Group, Text } from '@mantine/core'
import { useT } from '~/ui'
import type { AssignmentConditionsDto } from '../../dto/assignment'

/** A rule's conditions in one line ("Origen: web, feria · Provincias: Madrid"), codes as stored. */
export function ConditionsSummary({ conditions: c }: { conditions: AssignmentConditionsDto }) {
  const { t } = useT()
  const parts: [string, string[]][] = [
    ['sources', c.sources],
    ['provinces', c.provinces],
    ['postcodes', c.postcodes.map((r) => `${r.from}–${r.to}`)],
    ['sectors', c.sectors],
    ['sizes', c.sizes],
    ['product_interests', c.productInterests],
    ['languages', c.languages],
  ]
  const shown = parts.filter(([, values]) => values.length)
  return (
    <Group gap={6}>
      <Text size="sm">
        {shown.length
          ? shown
              .map(([key, values]) => `${t(`crm.assignment.fields.${key}`)}: ${values.join(', ')}`)
              .join(' · ')
          : t('crm.assignment.any')}
      </Text>
    </Group>
  )
}
