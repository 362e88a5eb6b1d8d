import { xsrfToken } from './api'

/** An upload the server refused (its translated message) or that never reached it. */
export class UploadError extends Error {
  constructor(
    message: string,
    /** The message is the server's, already translated and complete. */
    readonly fromServer: boolean,
    /** The session is gone (401 or sent to the login page). */
    readonly expired = false
  ) {
    super(message)
  }
}

/**
 * POSTs one file as `file` (multipart) to `url` and reports its progress (0–100). Resolves with
 * the JSON answer; rejects with an UploadError carrying the server's translated message.
 * XMLHttpRequest, not fetch: only it reports upload progress.
 */
export function uploadFile(
  url: string,
  file: File,
  onProgress: (percent: number) => void
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('X-XSRF-TOKEN', xsrfToken())
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onerror = () => reject(new UploadError('', false))
    xhr.onload = () => {
      let body: any = null
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        body = null
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body)
      const toLogin = xhr.responseURL && new URL(xhr.responseURL).pathname === '/login'
      if (xhr.status === 401 || toLogin) return reject(new UploadError('', false, true))
      const message = body?.errors?.[0]?.message
      reject(message ? new UploadError(String(message), true) : new UploadError('', false))
    }
    const form = new FormData()
    form.append('file', file, file.name)
    xhr.send(form)
  })
}

/** A size in bytes for people: "512 B", "1,5 MB". */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`
}
