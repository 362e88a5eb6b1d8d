import { Link } from '@inertiajs/react'
import { Anchor, Group, Text, Tree, getTreeExpandedState, useTree, type TreeNodeData } from '@mantine/core'
import { IconUser } from '@tabler/icons-react'
import { useT } from '~/ui'

export interface ChartPerson {
  id: number
  name: string
  position: string | null
  reportsToId: number | null
}

/**
 * A company's org chart from its contacts' "reports to". Only people the user may see are
 * drawn; someone whose manager is not among them starts a branch of their own.
 */
export function buildChart(people: ChartPerson[]): TreeNodeData[] {
  const byId = new Map(people.map((p) => [p.id, p]))
  const children = new Map<number | null, ChartPerson[]>()
  for (const p of people) {
    const parent = p.reportsToId !== null && byId.has(p.reportsToId) && p.reportsToId !== p.id ? p.reportsToId : null
    children.set(parent, [...(children.get(parent) ?? []), p])
  }
  const seen = new Set<number>()
  const node = (p: ChartPerson): TreeNodeData => {
    seen.add(p.id)
    const kids = (children.get(p.id) ?? []).filter((k) => !seen.has(k.id))
    return { value: String(p.id), label: p.name, nodeProps: { position: p.position }, children: kids.length ? kids.map(node) : undefined }
  }
  return (children.get(null) ?? []).map(node)
}

export function OrgChart({ people }: { people: ChartPerson[] }) {
  const { t } = useT()
  const data = buildChart(people)
  const tree = useTree({ initialExpandedState: getTreeExpandedState(data, '*') })
  if (!people.some((p) => p.reportsToId !== null)) return <Text size="sm" c="dimmed">{t('crm.org_chart.empty')}</Text>
  return (
    <Tree data={data} tree={tree} withLines levelOffset={28} expandOnClick={false}
      renderNode={({ node, elementProps }) => (
        <Group gap={6} wrap="nowrap" {...elementProps} style={{ ...elementProps.style, padding: '4px 0' }}>
          <IconUser size={15} stroke={1.6} />
          <Anchor component={Link} href={`/crm/contacts/${node.value}`} size="sm" fw={500}>{node.label}</Anchor>
          {node.nodeProps?.position && <Text size="xs" c="dimmed" truncate>{node.nodeProps.position}</Text>}
        </Group>
      )}
    />
  )
}
