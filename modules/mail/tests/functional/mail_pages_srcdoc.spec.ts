import { test } from '@japa/runner'
import { messageSrcdoc } from '../../pages/messages/srcdoc.js'
import { sanitizeMailHtml } from '../../pipeline/sanitize.js'

const ORIGIN = 'https://cartera.example'

test.group('Mail pages: the message iframe document', () => {
  const { html } = sanitizeMailHtml(
    '<p title=\' data-remote-src="https://evil.example/t.gif"\'>Hola</p>' +
      '<img src="https://tracker.example/p.gif"><img src="cid:logo@x"><img src="cid:other@x">'
  )
  const inline = { 'logo@x': '/documents/7/download', 'other@x': 'data:image/png;base64,AAAA' }

  test('remote images stay disarmed until allowed, and the policy allows them only then', ({
    assert,
  }) => {
    const blocked = messageSrcdoc(html, inline, false, ORIGIN)
    assert.notMatch(blocked, /\ssrc="https:\/\/tracker/)
    assert.include(blocked, 'data-remote-src="https://tracker.example/p.gif"')
    assert.include(blocked, `img-src data: ${ORIGIN}`)
    assert.notInclude(blocked, 'http: https:')

    const allowed = messageSrcdoc(html, inline, true, ORIGIN)
    assert.include(allowed, ' src="https://tracker.example/p.gif"')
    assert.include(allowed, `img-src data: ${ORIGIN} http: https:`)
    // Text that only looks like the attribute (inside another attribute) is never armed.
    assert.notInclude(allowed, 'src="https://evil.example')
  })

  test('inline images get their attachment: a path made absolute, or data as given', ({
    assert,
  }) => {
    const doc = messageSrcdoc(html, inline, false, ORIGIN)
    assert.include(doc, ` src="${ORIGIN}/documents/7/download"`)
    assert.include(doc, ' src="data:image/png;base64,AAAA"')
    assert.include(doc, "default-src 'none'")
    assert.include(doc, 'name="referrer" content="no-referrer"')
  })
})
