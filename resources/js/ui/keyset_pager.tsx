import { Link } from '@inertiajs/react'
import { Button, Group, Text } from '@mantine/core'
import { IconChevronRight, IconChevronsLeft } from '@tabler/icons-react'
import { useT } from './i18n'
import { useFormat } from './format'

/** Count as the server sends it: exact below the cap, otherwise "cap+" until asked. */
export interface CappedCount {
  value: number
  capped: boolean
}

/**
 * Keyset pagination: "first page" and "next" only (no page numbers, no unbounded COUNT).
 * `nextHref` is built by the page from the server's cursor.
 */
export function KeysetPager({ count, noun, firstHref, nextHref, isFirstPage, exactHref }: {
  count: CappedCount | null
  noun: (n: number) => string
  firstHref: string
  nextHref: string | null
  isFirstPage: boolean
  exactHref?: string
}) {
  const { t } = useT()
  const f = useFormat()
  return (
    <Group justify="space-between" mt="md" gap="xs">
      <Group gap="xs">
        {count && (
          <Text size="sm" c="dimmed" data-testid="list-count">
            {count.capped ? `${f.number(count.value)}+ ${noun(count.value)}` : `${f.number(count.value)} ${noun(count.value)}`}
          </Text>
        )}
        {count?.capped && exactHref && (
          <Button component={Link} href={exactHref} variant="subtle" size="compact-sm" preserveScroll>{t('common.count_exact')}</Button>
        )}
      </Group>
      <Group gap="xs">
        {!isFirstPage && (
          <Button component={Link} href={firstHref} variant="default" size="sm" leftSection={<IconChevronsLeft size={16} />}>{t('common.first_page')}</Button>
        )}
        {nextHref && (
          <Button component={Link} href={nextHref} variant="default" size="sm" rightSection={<IconChevronRight size={16} />} data-testid="next-page">{t('common.next_page')}</Button>
        )}
      </Group>
    </Group>
  )
}
