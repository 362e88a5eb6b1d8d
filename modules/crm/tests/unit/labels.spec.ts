import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'))

test.group('CRM labels', () => {
  test('the company description is not called like the timeline notes', ({ assert }) => {
    for (const locale of ['es', 'en']) {
      const crm = read(`../../lang/${locale}.json`)
      const timeline = read(`../../../../resources/lang/${locale}/timeline.json`)
      const noteWords = [timeline.note_label, timeline.new_note, crm.sections.notes].map(
        (s: string) => s.toLowerCase()
      )
      const label = crm.companies.fields.description.toLowerCase()
      assert.notInclude(noteWords, label, locale)
      assert.notMatch(label, /not(a|e)s?$/, locale)
      assert.notMatch(crm.validator.fields.description.toLowerCase(), /not(a|e)s?$/, locale)
    }
  })
})
