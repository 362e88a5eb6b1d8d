import { Link } from '@inertiajs/react'
import { Anchor, Group, Text, Tree, getTreeExpandedState, useTree } from '@mantine/core'
import { IconUser } from '@tabler/icons-react'
import { useT } from '~/ui'
import { buildChart, type ChartPerson } from './org_chart_tree'

export type { ChartPerson }

export function OrgChart({ people }: { people: ChartPerson[] }) {
  const { t } = useT()
  const data = buildChart(people)
  const tree = useTree({ initialExpandedState: getTreeExpandedState(data, '*') })
  if (!people.some((p) => p.reportsToId !== null)) return <Text size="sm" c="dimmed">{t('crm.org_chart.empty')}</Text>
  return (
    <Tree data={data} tree={tree} withLines levelOffset={28} expandOnClick={false}
      renderNode={({ node, elementProps }) => (
        <Group gap={6} wrap="nowrap" {...elementProps} style={{ ...elementProps.style, paddingTop: 4, paddingBottom: 4 }}>
          <IconUser size={15} stroke={1.6} />
          <Anchor component={Link} href={`/crm/contacts/${node.value}`} size="sm" fw={500}>{node.label}</Anchor>
          {node.nodeProps?.position && <Text size="xs" c="dimmed" truncate>{node.nodeProps.position}</Text>}
        </Group>
      )}
    />
  )
}
