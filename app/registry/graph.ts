/**
 * Validation and ordering of the module dependency graph. Pure: no I/O, so boot and tests
 * share it.
 */
export class ModuleGraphError extends Error {
  constructor(
    message: string,
    public readonly code:
      'E_MODULE_UNKNOWN_DEPENDENCY' | 'E_MODULE_CYCLE' | 'E_MODULE_DUPLICATE' | 'E_MODULE_INVALID'
  ) {
    super(message)
    this.name = 'ModuleGraphError'
  }
}

export interface GraphNode {
  name: string
  dependsOn: string[]
  optionalDeps?: string[]
}

const NAME = /^[a-z][a-z0-9_]{1,30}$/

/**
 * Returns module names in dependency order (dependencies first; ties by name so the order is
 * stable). Optional dependencies order the graph when present and are ignored when absent.
 * Throws ModuleGraphError on a duplicate, an unknown hard dependency or a cycle.
 */
export function orderModules(nodes: GraphNode[]): string[] {
  const byName = new Map<string, GraphNode>()
  for (const node of nodes) {
    if (!NAME.test(node.name)) {
      throw new ModuleGraphError(
        `Module name "${node.name}" is invalid: use lowercase letters, digits and underscores`,
        'E_MODULE_INVALID'
      )
    }
    if (byName.has(node.name)) {
      throw new ModuleGraphError(`Module "${node.name}" is registered twice`, 'E_MODULE_DUPLICATE')
    }
    byName.set(node.name, node)
  }

  for (const node of nodes) {
    for (const dep of node.dependsOn) {
      if (!byName.has(dep)) {
        throw new ModuleGraphError(
          `Module "${node.name}" depends on "${dep}", which is not registered. Add "${dep}" to config/modules.ts or remove it from "${node.name}"'s dependsOn.`,
          'E_MODULE_UNKNOWN_DEPENDENCY'
        )
      }
    }
  }

  const edges = (node: GraphNode) =>
    [...node.dependsOn, ...(node.optionalDeps ?? []).filter((d) => byName.has(d))].sort()

  const order: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (name: string, path: string[]) => {
    const current = state.get(name)
    if (current === 'done') return
    if (current === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name].join(' → ')
      throw new ModuleGraphError(`Module dependency cycle: ${cycle}`, 'E_MODULE_CYCLE')
    }
    state.set(name, 'visiting')
    for (const dep of edges(byName.get(name)!)) visit(dep, [...path, name])
    state.set(name, 'done')
    order.push(name)
  }
  for (const name of [...byName.keys()].sort()) visit(name, [])
  return order
}

/** Every module that `name` needs, directly or transitively (hard dependencies only). */
export function transitiveDependencies(nodes: GraphNode[], name: string): string[] {
  const byName = new Map(nodes.map((n) => [n.name, n]))
  const seen = new Set<string>()
  const walk = (n: string) => {
    for (const dep of byName.get(n)?.dependsOn ?? []) {
      if (!seen.has(dep)) {
        seen.add(dep)
        walk(dep)
      }
    }
  }
  walk(name)
  return [...seen]
}

/** Modules that depend (hard) on `name`, directly or transitively. */
export function dependents(nodes: GraphNode[], name: string): string[] {
  return nodes
    .filter((n) => transitiveDependencies(nodes, n.name).includes(name))
    .map((n) => n.name)
}
