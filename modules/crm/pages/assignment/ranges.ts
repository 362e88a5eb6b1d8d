/** Postcode ranges as typed in one box ("08000-08999, 28001"), and back. */
export function parseRanges(text: string): { from: string; to: string }[] {
  return text
    .split(/[,;\n]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [from, to] = part.split(/\s*[-–]\s*/)
      return { from: from.trim(), to: (to ?? from).trim() }
    })
}

export function formatRanges(ranges: { from: string; to: string }[]): string {
  return ranges.map((r) => (r.from === r.to ? r.from : `${r.from}-${r.to}`)).join(', ')
}
