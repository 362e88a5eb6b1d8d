import { test } from '@japa/runner'
import {
  UnregisteredNotificationKindError,
  findKind,
  notificationKinds,
} from '#app/notifications/kinds'

test.group('Notification kinds', () => {
  test("the kernel's and each manifest's kinds, keyed <source>.<kind>", async ({ assert }) => {
    const kinds = await notificationKinds()
    const byKey = new Map(kinds.map((k) => [k.key, k]))
    assert.equal(byKey.get('kernel.job_failed')?.defaultEmail, 'immediate')
    assert.equal(byKey.get('kernel.import_finished')?.defaultEmail, 'off')
    // Declared by the package module in its manifest, labelled from its own lang files.
    assert.deepInclude(byKey.get('ejemplo.nota_creada'), {
      source: 'ejemplo',
      label: 'ejemplo.notifications.nota_creada',
      defaultEmail: 'digest',
    })
    assert.equal(new Set(kinds.map((k) => k.key)).size, kinds.length, 'no key twice')
  })

  test('an undeclared kind throws outside production, naming it', async ({ assert }) => {
    assert.equal((await findKind('kernel.job_failed'))?.key, 'kernel.job_failed')
    await assert.rejects(
      () => findKind('sonda.typo_kind'),
      UnregisteredNotificationKindError as any
    )
    await assert.rejects(() => findKind('sonda.typo_kind'), /"sonda\.typo_kind" is not declared/)
  })
})
