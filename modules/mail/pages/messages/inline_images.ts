import { useEffect, useMemo, useState } from 'react'

/** Inline images larger than this keep their URL instead of being inlined as data. */
const MAX_INLINE_BYTES = 5 * 1024 * 1024

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(blob)
  })
}

/**
 * The message's inline images (Content-ID → download URL) as data: URLs. The sandboxed iframe
 * has an opaque origin, so its own requests carry no session cookie; the page fetches the
 * images (same origin, signed in) and hands them over as data. Until then, or when an image
 * cannot be fetched, its URL stays.
 */
export function useInlineImages(html: string | null, inline: Record<string, string>) {
  const [loaded, setLoaded] = useState<Record<string, string>>({})
  useEffect(() => {
    let live = true
    const wanted = Object.entries(inline).filter(([cid]) => html?.includes(`data-cid="${cid}"`))
    for (const [cid, url] of wanted)
      fetch(url, { credentials: 'same-origin' })
        .then((r) => (r.ok ? r.blob() : null))
        .then((blob) =>
          blob && blob.type.startsWith('image/') && blob.size <= MAX_INLINE_BYTES
            ? dataUrl(blob)
            : null
        )
        .then((data) => {
          if (live && data) setLoaded((prev) => ({ ...prev, [cid]: data }))
        })
        .catch(() => {})
    return () => {
      live = false
    }
  }, [html, inline])
  return useMemo(() => ({ ...inline, ...loaded }), [inline, loaded])
}
