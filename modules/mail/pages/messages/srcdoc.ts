/*
 * The document the message's sandboxed iframe shows. The HTML was sanitised at storage; here
 * inline images (data-cid) get their attachment's URL, remote images (data-remote-src) get
 * theirs only once the reader allows them, and a Content-Security-Policy repeats the rule.
 */

const escapeAttr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

const unescapeAttr = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

const STYLE =
  'body{font-family:system-ui,sans-serif;font-size:14px;line-height:1.45;margin:8px;' +
  'overflow-wrap:anywhere;color:#212529}img{max-width:100%;height:auto}table{max-width:100%}'

/**
 * The iframe's srcdoc for sanitised `html`. `inline` maps Content-IDs to a data: URL or a path
 * of the app, made absolute with `origin`.
 */
export function messageSrcdoc(
  html: string,
  inline: Record<string, string>,
  remote: boolean,
  origin: string
): string {
  let body = html.replace(/\sdata-cid="([^"]*)"/g, (all, cid: string) => {
    const url = inline[unescapeAttr(cid)]
    if (!url) return all
    return ` src="${escapeAttr(url.startsWith('data:') ? url : origin + url)}"`
  })
  if (remote) body = body.replace(/\sdata-remote-src="/g, ' src="')
  const images = remote ? `data: ${origin} http: https:` : `data: ${origin}`
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src ${images}`
  return (
    '<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">` +
    `<style>${STYLE}</style></head><body>${body}</body></html>`
  )
}
