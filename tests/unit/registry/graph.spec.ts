import { test } from '@japa/runner'
import {
  orderModules,
  ModuleGraphError,
  transitiveDependencies,
  dependents,
} from '#app/registry/graph'

test.group('Module graph', () => {
  test('orders modules with dependencies first', ({ assert }) => {
    const order = orderModules([
      { name: 'sales', dependsOn: ['base'] },
      { name: 'accounting', dependsOn: ['sales', 'base'] },
      { name: 'base', dependsOn: [] },
    ])
    assert.deepEqual(order, ['base', 'sales', 'accounting'])
  })

  test('an optional dependency orders the graph only when present', ({ assert }) => {
    assert.deepEqual(
      orderModules([
        { name: 'base', dependsOn: [], optionalDeps: ['mensajeria'] },
        { name: 'mensajeria', dependsOn: [] },
      ]),
      ['mensajeria', 'base']
    )
    assert.deepEqual(
      orderModules([{ name: 'base', dependsOn: [], optionalDeps: ['mensajeria'] }]),
      ['base']
    )
  })

  test('an unknown dependency fails with a message naming both modules', ({ assert }) => {
    assert.throws(
      () => orderModules([{ name: 'sales', dependsOn: ['base'] }]),
      /Module "sales" depends on "base", which is not registered/
    )
    try {
      orderModules([{ name: 'sales', dependsOn: ['base'] }])
    } catch (error) {
      assert.instanceOf(error, ModuleGraphError)
      assert.equal((error as ModuleGraphError).code, 'E_MODULE_UNKNOWN_DEPENDENCY')
    }
  })

  test('a cycle fails and shows the cycle', ({ assert }) => {
    try {
      orderModules([
        { name: 'a_mod', dependsOn: ['b_mod'] },
        { name: 'b_mod', dependsOn: ['c_mod'] },
        { name: 'c_mod', dependsOn: ['a_mod'] },
      ])
      assert.fail('expected a cycle error')
    } catch (error) {
      assert.equal((error as ModuleGraphError).code, 'E_MODULE_CYCLE')
      assert.include((error as Error).message, 'a_mod → b_mod → c_mod → a_mod')
    }
  })

  test('a duplicate or badly named module fails', ({ assert }) => {
    assert.throws(
      () =>
        orderModules([
          { name: 'base', dependsOn: [] },
          { name: 'base', dependsOn: [] },
        ]),
      /registered twice/
    )
    assert.throws(() => orderModules([{ name: 'CRM-x', dependsOn: [] }]), /invalid/)
  })

  test('transitive dependencies and dependents', ({ assert }) => {
    const nodes = [
      { name: 'base', dependsOn: [] },
      { name: 'sales', dependsOn: ['base'] },
      { name: 'accounting', dependsOn: ['sales'] },
    ]
    assert.sameMembers(transitiveDependencies(nodes, 'accounting'), ['sales', 'base'])
    assert.sameMembers(dependents(nodes, 'base'), ['sales', 'accounting'])
    assert.deepEqual(dependents(nodes, 'accounting'), [])
  })
})
