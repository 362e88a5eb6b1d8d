import sanitizeHtml from 'sanitize-html'

/*
 * Captured HTML is sanitised once, before it is stored: no scripts, event handlers, frames,
 * objects, SVG, forms or javascript: URLs survive. Remote images are kept but disarmed
 * (`data-remote-src`) until the reader allows them; inline images keep their `cid:` reference,
 * turned into the attachment's URL when shown. The message view renders the result in a
 * sandboxed iframe without scripts as a second line of defence.
 */
// No expression(), url() or escapes: only plain values (colours, sizes, font names, rgb()).
const SAFE_CSS = /^(?!.*(expression|url|javascript|behavior|\\))[-#(),.%\w\s'"]+$/i
const cssValue = [SAFE_CSS]

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img',
    'font',
    'center',
    'span',
    'div',
    'br',
    'hr',
    'u',
    's',
    'small',
    'big',
  ],
  disallowedTagsMode: 'discard',
  allowedAttributes: {
    'a': ['href', 'title', 'name', 'target', 'rel'],
    'img': ['src', 'alt', 'title', 'width', 'height', 'data-remote-src', 'data-cid'],
    'font': ['color', 'face', 'size'],
    'table': ['width', 'border', 'cellpadding', 'cellspacing', 'align', 'bgcolor'],
    'td': ['width', 'colspan', 'rowspan', 'align', 'valign', 'bgcolor'],
    'th': ['width', 'colspan', 'rowspan', 'align', 'valign', 'bgcolor'],
    'tr': ['align', 'valign', 'bgcolor'],
    'p': ['align'],
    'div': ['align'],
    '*': ['style', 'dir', 'lang'],
  },
  allowedStyles: {
    '*': Object.fromEntries(
      [
        'color',
        'background-color',
        'font-family',
        'font-size',
        'font-weight',
        'font-style',
        'text-align',
        'text-decoration',
        'line-height',
        'margin',
        'margin-left',
        'margin-right',
        'margin-top',
        'margin-bottom',
        'padding',
        'padding-left',
        'padding-right',
        'padding-top',
        'padding-bottom',
        'border',
        'border-collapse',
        'width',
        'max-width',
        'height',
        'vertical-align',
        'white-space',
      ].map((property) => [property, cssValue])
    ),
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'cid'] },
  allowProtocolRelative: false,
}

export interface SanitizedHtml {
  html: string
  hasRemoteContent: boolean
}

/** The message's HTML made safe to store and show; remote images disarmed. */
export function sanitizeMailHtml(html: string): SanitizedHtml {
  let hasRemoteContent = false
  const clean = sanitizeHtml(html, {
    ...OPTIONS,
    transformTags: {
      img: (tagName, attribs) => {
        const src = (attribs.src ?? '').trim()
        const rest = { ...attribs }
        delete rest.src
        if (/^https?:/i.test(src)) {
          hasRemoteContent = true
          return { tagName, attribs: { ...rest, 'data-remote-src': src } }
        }
        if (/^cid:/i.test(src)) return { tagName, attribs: { ...rest, 'data-cid': src.slice(4) } }
        return { tagName, attribs: rest }
      },
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
      }),
    },
  })
  // Background images in inline styles are remote content too.
  if (/url\s*\(/i.test(clean)) hasRemoteContent = true
  return { html: clean.replace(/url\s*\([^)]*\)/gi, 'none'), hasRemoteContent }
}
