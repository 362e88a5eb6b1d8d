import type { TreeNodeData } from '@mantine/core'

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
    const parent =
      p.reportsToId !== null && byId.has(p.reportsToId) && p.reportsToId !== p.id
        ? p.reportsToId
        : null
    children.set(parent, [...(children.get(parent) ?? []), p])
  }
  const seen = new Set<number>()
  const node = (p: ChartPerson): TreeNodeData => {
    seen.add(p.id)
    const kids = (children.get(p.id) ?? []).filter((k) => !seen.has(k.id))
    return {
      value: String(p.id),
      label: p.name,
      nodeProps: { position: p.position },
      children: kids.length ? kids.map(node) : undefined,
    }
  }
  return (children.get(null) ?? []).map(node)
}
