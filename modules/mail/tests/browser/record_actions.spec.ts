import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import { createOrganization, createUser, crud } from '#tests/helpers/world'
import { insertContactRow } from '#modules/crm/contracts/index'
import { baseUrl, launchBrowser, newPage, signIn } from '#tests/helpers/browser'

/** A rep of an organization with `modules`, and her contact Ana with an e-mail address. */
async function world(modules: string[], tag: string) {
  const org = await createOrganization(modules)
  const email = `rosa.${tag}@prueba.test`
  const rep = await createUser(
    org,
    {
      permissions: [...crud('crm.contacts', ['view']), 'mail.messages.view', 'mail.messages.send'],
      scopes: { 'crm.contacts': 'all' },
    },
    { email, password: 'clave-rosa-123', fullName: 'Rosa Comercial' } as any
  )
  const contact = await insertContactRow(org.id, {
    firstName: 'Ana',
    lastName: 'García',
    email: `ana.${tag}@cliente-a.es`,
    ownerId: rep.id,
  })
  return { email, contact }
}

test.group('Browser: one way to write from a record page', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('with mail, «Escribir correo» and no mailto: link; without it, «Enviar correo» stays', async ({
    assert,
  }) => {
    for (const [modules, tag] of [
      [['crm', 'mail'], 'con'],
      [['crm'], 'sin'],
    ] as const) {
      const w = await world([...modules], tag)
      const { context, page } = await newPage(browser, 1280)
      try {
        await signIn(page, w.email, 'clave-rosa-123')
        await page.goto(`${baseUrl()}/crm/contacts/${w.contact}`)
        const actions = page.getByRole('group', { name: 'Acciones rápidas' })
        const write = actions.getByRole('link', { name: 'Escribir correo' })
        const mailto = actions.locator('a[href^="mailto:"]')
        // Whichever one shows, the other is absent from the same rendered group.
        await (tag === 'con' ? write : mailto).waitFor()
        if (tag === 'con') assert.equal(await mailto.count(), 0, 'with mail: no mailto: link')
        else assert.equal(await write.count(), 0, 'without mail: no «Escribir correo»')
      } finally {
        await context.close()
      }
    }
  })
})
