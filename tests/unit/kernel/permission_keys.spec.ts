import { test } from '@japa/runner'
import logger from '@adonisjs/core/services/logger'
import { AccessContext } from '#app/access/access_context'
import {
  forceUnregisteredPolicy,
  unregisteredPolicy,
  UnregisteredPermissionError,
} from '#app/access/permission_keys'
import { moduleRegistry } from '#app/registry/main'
import { ForbiddenException } from '#exceptions/forbidden_exception'

const admin = () =>
  new AccessContext(1, 1, { isAdmin: true, permissions: new Set(), scopes: new Map() })
const rep = () =>
  new AccessContext(2, 1, {
    isAdmin: false,
    permissions: new Set(['sonda.items.view']),
    scopes: new Map(),
  })

test.group('Permission keys · a key no manifest registers', (group) => {
  group.setup(async () => {
    await moduleRegistry()
  })

  test('tests run with the throwing policy', ({ assert }) => {
    assert.equal(unregisteredPolicy(), 'throw')
  })

  test('registered keys are checked as before', ({ assert }) => {
    assert.isTrue(admin().can('sonda.items.export'))
    assert.isTrue(rep().can('sonda.items.view'))
    assert.isFalse(rep().can('sonda.items.delete'))
    assert.throws(() => rep().authorize('sonda.items.delete'), 'Forbidden')
    assert.doesNotThrow(() => admin().authorize('sonda.items.delete'))
  })

  test('a typo throws, naming the key, even for an administrator who holds everything', ({
    assert,
  }) => {
    for (const check of [
      () => admin().authorize('sonda.items.exprot'),
      () => admin().can('sonda.items.exprot'),
      () => rep().authorize('sonda.items.exprot'),
    ]) {
      try {
        check()
        assert.fail('an unregistered key must throw')
      } catch (error) {
        assert.instanceOf(error, UnregisteredPermissionError)
        assert.equal((error as UnregisteredPermissionError).permission, 'sonda.items.exprot')
        assert.match(
          (error as Error).message,
          /Permission "sonda\.items\.exprot" is not registered.*"sonda\.items" registers: .*export/
        )
      }
    }
    assert.throws(() => admin().can('sonda.itemz.view'), /"sonda\.itemz\.view" is not registered/)
  })

  test('production: an unregistered key is logged as a warning and denied, to administrators too', ({
    assert,
  }) => {
    const restore = forceUnregisteredPolicy('deny')
    const warnings: unknown[][] = []
    const warn = logger.warn
    logger.warn = ((...args: unknown[]) => {
      warnings.push(args)
    }) as typeof logger.warn
    try {
      assert.isFalse(admin().can('sonda.items.exprot'))
      assert.throws(() => admin().authorize('sonda.items.exprot'), 'Forbidden')
      try {
        rep().authorize('sonda.items.exprot')
      } catch (error) {
        assert.instanceOf(error, ForbiddenException)
      }
      assert.isTrue(admin().can('sonda.items.export'), 'registered keys still pass')
      assert.lengthOf(warnings, 3)
      assert.deepEqual(warnings[0][0], { permission: 'sonda.items.exprot' })
      assert.match(String(warnings[0][1]), /unregistered/)
    } finally {
      logger.warn = warn
      restore()
    }
    assert.equal(unregisteredPolicy(), 'throw')
  })
})
