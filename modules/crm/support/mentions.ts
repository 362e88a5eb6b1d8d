/*
 * Mentions in notes are stored inline, as Markdown-like links: `@[Ana Pérez](user:12)`. The
 * name is what the author saw; the id is what counts (a renamed user is still notified once).
 */
const MENTION = /@\[([^\]\n]{1,120})\]\(user:(\d{1,10})\)/g

/** Ids of the users a note mentions, once each, in order of appearance. */
export function mentionedUserIds(body: string): number[] {
  const ids = [...body.matchAll(MENTION)].map((m) => Number(m[2]))
  return [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0)
}

/** The note as plain text: each mention becomes `@Name`. */
export function plainMentions(body: string): string {
  return body.replace(MENTION, (_all, name: string) => `@${name}`)
}
