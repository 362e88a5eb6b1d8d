import { Box, Text } from '@mantine/core'
import { IconArrowRight } from '@tabler/icons-react'
import { useT, inlineLines, inlineRow } from '~/ui'

/** A stored value back as JSON when it is a list or an object (the audit stores those as JSON). */
function parse(value: string | null): unknown {
  if (value === null || !/^[[{]/.test(value)) return value
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

const show = (v: unknown) =>
  v === null || v === undefined || v === ''
    ? '—'
    : typeof v === 'object'
      ? JSON.stringify(v)
      : String(v)
const wrap = { overflowWrap: 'anywhere' } as const

/**
 * One audited change, readable: lists say what was added (+) and removed (−), objects list
 * the keys that changed, plain values read "old → new". Spans only (it sits inside table
 * cells that are paragraphs on phones).
 */
export function Change({ from, to }: { from: string | null; to: string | null }) {
  const { t } = useT()
  const before = parse(from)
  const after = parse(to)
  const plain = (v: unknown) =>
    v === 'true' ? t('common.yes') : v === 'false' ? t('common.no') : show(v)
  if (Array.isArray(after) && (before === null || Array.isArray(before))) {
    const old = (before as unknown[] | null) ?? []
    const added = after.filter((x) => !old.some((o) => JSON.stringify(o) === JSON.stringify(x)))
    const removed = old.filter((x) => !after.some((n) => JSON.stringify(n) === JSON.stringify(x)))
    if (!added.length && !removed.length)
      return (
        <Text span size="sm">
          {after.length ? show(after) : '—'}
        </Text>
      )
    return (
      <Box component="span" style={inlineLines}>
        {added.map((x) => (
          <Text key={`+${show(x)}`} span size="sm" c="teal.8" style={wrap}>
            + {show(x)}
          </Text>
        ))}
        {removed.map((x) => (
          <Text key={`-${show(x)}`} span size="sm" c="red.8" style={wrap}>
            − {show(x)}
          </Text>
        ))}
      </Box>
    )
  }
  if (
    after &&
    typeof after === 'object' &&
    !Array.isArray(after) &&
    (before === null || (typeof before === 'object' && !Array.isArray(before)))
  ) {
    const old = (before ?? {}) as Record<string, unknown>
    const next = after as Record<string, unknown>
    const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])].filter(
      (k) => show(old[k]) !== show(next[k])
    )
    return (
      <Box component="span" style={inlineLines}>
        {keys.map((k) => (
          <Text key={k} span size="sm" style={wrap}>
            {k}: {show(old[k])} → {show(next[k])}
          </Text>
        ))}
      </Box>
    )
  }
  return (
    <Box
      component="span"
      style={{ ...inlineRow, flexWrap: 'nowrap', alignItems: 'flex-start', maxWidth: 420 }}
    >
      <Text span size="sm" c="dimmed" style={wrap} td={from ? 'line-through' : undefined}>
        {plain(before)}
      </Text>
      <IconArrowRight size={14} style={{ flexShrink: 0, marginTop: 4 }} />
      <Text span size="sm" style={wrap}>
        {plain(after)}
      </Text>
    </Box>
  )
}
