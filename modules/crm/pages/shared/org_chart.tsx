import { Link } from '@inertiajs/react'
import { Anchor, Group, Text, Tree, getTreeExpandedState, useTree } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { IconUser } from '@tabler/icons-react'
import { useT } from '~/ui'
import { buildChart, type ChartPerson } from './org_chart_tree'

export type { ChartPerson }

export function OrgChart({ people }: { people: ChartPerson[] }) {
  const { t } = useT()
  const phone = useMediaQuery('(max-width: 36em)')
  const data = buildChart(people)
  const tree = useTree({ initialExpandedState: getTreeExpandedState(data, '*') })
  if (!people.some((p) => p.reportsToId !== null))
    return (
      <Text size="sm" c="dimmed">
        {t('crm.org_chart.empty')}
      </Text>
    )
  return (
    <Tree
      data={data}
      tree={tree}
      withLines
      levelOffset={phone ? 16 : 28}
      expandOnClick={false}
      renderNode={({ node, elementProps }) => (
        <Group
          gap={6}
          wrap="nowrap"
          align="flex-start"
          {...elementProps}
          style={{ ...elementProps.style, paddingTop: 4, paddingBottom: 4 }}
        >
          <IconUser size={15} stroke={1.6} style={{ marginTop: 3, flexShrink: 0 }} />
          <div style={{ minWidth: 0 }}>
            <Anchor component={Link} href={`/crm/contacts/${node.value}`} size="sm" fw={500}>
              {node.label}
            </Anchor>
            {node.nodeProps?.position && (
              <Text size="xs" c="dimmed">
                {node.nodeProps.position}
              </Text>
            )}
          </div>
        </Group>
      )}
    />
  )
}
