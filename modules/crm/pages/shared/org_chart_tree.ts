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

/**
 * The chart as an indented list: each person after their manager, with their depth (the same
 * branches as buildChart). Everyone appears once, however the data loops.
 */
export function flattenChart(people: ChartPerson[]): { person: ChartPerson; depth: number }[] {
  const out: { person: ChartPerson; depth: number }[] = []
  const walk = (nodes: TreeNodeData[], depth: number) => {
    for (const n of nodes) {
      out.push({ person: byValue.get(n.value)!, depth })
      if (n.children) walk(n.children, depth + 1)
    }
  }
  const byValue = new Map(people.map((p) => [String(p.id), p]))
  walk(buildChart(people), 0)
  return out
}
