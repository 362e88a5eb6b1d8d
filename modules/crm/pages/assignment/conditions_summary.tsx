import { Group, Text } from '@mantine/core'
import { useT } from '~/ui'
import type {
  AssignmentConditionsDto,
  AssignmentFormOptions,
  AssignmentOption,
} from '../../dto/assignment'

/** Codes by their list labels (a code the list no longer has shows as stored). */
const labelled = (codes: string[], options: AssignmentOption[]) =>
  codes.map((code) => options.find((o) => o.value === code)?.label ?? code)

/** A rule's conditions in one line ("Origen: Web, Feria · Provincias: Madrid"). */
export function ConditionsSummary({
  conditions: c,
  options: o,
}: {
  conditions: AssignmentConditionsDto
  options: AssignmentFormOptions
}) {
  const { t } = useT()
  const parts: [string, string[]][] = [
    ['sources', labelled(c.sources, o.sources)],
    ['provinces', c.provinces],
    ['postcodes', c.postcodes.map((r) => `${r.from}–${r.to}`)],
    ['sectors', labelled(c.sectors, o.sectors)],
    ['sizes', labelled(c.sizes, o.sizes)],
    ['product_interests', labelled(c.productInterests, o.productInterests)],
    ['languages', labelled(c.languages, o.languages)],
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
