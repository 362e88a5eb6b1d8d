import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { moduleRegistry } from '#app/registry/main'

test.group('Module navigation', () => {
  test('every navigation entry of every manifest points at a registered route', async ({
    assert,
  }) => {
    const registry = await moduleRegistry()
    const entries = registry.navigation()
    assert.isAbove(entries.length, 0)
    for (const entry of entries) {
      let url: string | null = null
      try {
        url = router.makeUrl(entry.route)
      } catch {}
      assert.isString(url, `${entry.module}: route "${entry.route}" is not registered`)
      assert.isTrue(
        entry.route.startsWith(`${entry.module}.`),
        `route names of ${entry.module} start with "${entry.module}."`
      )
    }
  })
})
