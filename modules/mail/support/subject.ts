/*
 * Subjects as threading compares them: reply and forward prefixes in the languages our
 * customers write in (RE:, RV:, FW:, Fwd:, AW:, WG:, TR:, R:, "Re[2]:") and list tags removed,
 * spaces collapsed, lowercased.
 */
const PREFIX =
  /^\s*((re|rv|fw|fwd|aw|wg|tr|r|enc|res|sv|vs)(\[\d+\]|\(\d+\))?\s*:\s*|\[[^\]]{1,40}\]\s*)/i

export function normalizeSubject(subject: string | null | undefined): string {
  let text = (subject ?? '').replace(/\s+/g, ' ').trim()
  for (let i = 0; i < 20; i++) {
    const next = text.replace(PREFIX, '')
    if (next === text) break
    text = next
  }
  return text.toLowerCase().slice(0, 255)
}
