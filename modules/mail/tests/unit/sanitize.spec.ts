import { test } from '@japa/runner'
import { sanitizeMailHtml } from '../../pipeline/sanitize.js'

test.group('Captured HTML is sanitised before it is stored', () => {
  test('scripts, handlers, frames, objects, SVG, forms and javascript: URLs do not survive', ({
    assert,
  }) => {
    const { html } = sanitizeMailHtml(`
      <p onclick="steal()">Hola <b>Ana</b></p>
      <script>alert(1)</script>
      <body onload="x()"><div>ok</div></body>
      <a href="javascript:alert(1)">pincha</a>
      <a href="https://cliente-a.es/pedido">pedido</a>
      <iframe src="https://evil.example"></iframe>
      <object data="x.swf"></object><embed src="x.swf">
      <svg onload="alert(1)"><circle r="5"/></svg>
      <form action="https://evil.example"><input name="p"></form>
      <img src="x" onerror="alert(1)">
      <p style="color: red; background: url(https://t.example/p.gif); width: expression(alert(1))">s</p>`)
    for (const bad of [
      '<script',
      'onclick',
      'onload',
      'onerror',
      'javascript:',
      '<iframe',
      '<object',
      '<embed',
      '<svg',
      '<form',
      '<input',
      'expression',
      'url(',
    ])
      assert.notInclude(html.toLowerCase(), bad, bad)
    assert.include(html, '<b>Ana</b>')
    assert.include(html, 'href="https://cliente-a.es/pedido"')
    assert.include(html, 'rel="noopener noreferrer nofollow"')
    assert.include(html, 'color:red')
  })

  test('remote images are disarmed and reported; inline cid: images are kept for the view', ({
    assert,
  }) => {
    const remote = sanitizeMailHtml('<img src="https://tracker.example/p.gif" alt="x">')
    assert.isTrue(remote.hasRemoteContent)
    assert.notInclude(remote.html, ' src=')
    assert.include(remote.html, 'data-remote-src="https://tracker.example/p.gif"')
    const inline = sanitizeMailHtml('<img src="cid:logo@empresa">')
    assert.isFalse(inline.hasRemoteContent)
    assert.include(inline.html, 'data-cid="logo@empresa"')
  })
})
