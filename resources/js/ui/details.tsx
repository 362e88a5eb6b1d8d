import type { ReactNode } from 'react'
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core'
import { useT } from './i18n'
import { formatPhone, telHref } from './phone'
import type { Address, Channel } from './record_types'

/** One label/value line of a detail page; empty values show a dash. */
export function Detail({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === ''
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} component="div">
        {empty ? '—' : children}
      </Text>
    </div>
  )
}

/** Phones or e-mails as links (tel:/mailto:), the primary one marked. */
export function ChannelLines({
  items,
  kind,
  empty,
}: {
  items: Channel[]
  kind: 'phone' | 'email'
  empty: string
}) {
  const { t } = useT()
  if (!items.length)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    )
  return (
    <Stack gap={4}>
      {items.map((c, i) => (
        <Group key={i} gap={6} wrap="nowrap">
          {kind === 'phone' ? <PhoneLink value={c.value} /> : <EmailLink value={c.value} full />}
          {c.label && (
            <Text size="xs" c="dimmed">
              {c.label}
            </Text>
          )}
          {c.primary && items.length > 1 && (
            <Badge size="xs" variant="light">
              {t('ui.channel.primary')}
            </Badge>
          )}
        </Group>
      ))}
    </Stack>
  )
}

/*
 * Tappable phone and e-mail. They stop the click there: in a list the row (or phone card)
 * around them opens the record instead.
 */
const stop = (e: React.MouseEvent) => e.stopPropagation()

/** A phone as a tel: link, grouped for reading; a dash when there is none. */
export function PhoneLink({ value }: { value: string | null }) {
  if (!value) return <>—</>
  return (
    <Anchor href={telHref(value)} size="sm" onClick={stop} style={{ whiteSpace: 'nowrap' }}>
      {formatPhone(value)}
    </Anchor>
  )
}

/** An e-mail as a mailto: link; long addresses are cut (full text on hover) unless `full`. */
export function EmailLink({ value, full }: { value: string | null; full?: boolean }) {
  if (!value) return <>—</>
  return (
    <Anchor
      href={`mailto:${value}`}
      size="sm"
      onClick={stop}
      title={value}
      truncate={full ? undefined : 'end'}
      maw={full ? undefined : 200}
      display={full ? undefined : 'block'}
      style={full ? { overflowWrap: 'anywhere' } : undefined}
    >
      {value}
    </Anchor>
  )
}

/** Postal addresses, one block each, with their kind (`kindLabel`: the page's label of a kind). */
export function AddressLines({
  items,
  empty,
  kindLabel,
}: {
  items: Address[]
  empty: string
  kindLabel: (kind: string) => string
}) {
  if (!items.length)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    )
  return (
    <Stack gap="xs">
      {items.map((a, i) => (
        <div key={i}>
          <Badge size="xs" variant="outline" mb={2}>
            {kindLabel(a.kind)}
          </Badge>
          {a.street && <Text size="sm">{a.street}</Text>}
          <Text size="sm">
            {[a.postalCode, a.city].filter(Boolean).join(' ')}
            {a.province && a.province !== a.city ? ` (${a.province})` : ''}
            {a.country !== 'ES' ? ` · ${a.country}` : ''}
          </Text>
        </div>
      ))}
    </Stack>
  )
}
