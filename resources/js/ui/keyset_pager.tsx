import { Link } from '@inertiajs/react'
import { Button, Group, Text } from '@mantine/core'
import { IconChevronLeft, IconChevronRight, IconChevronsLeft } from '@tabler/icons-react'
import { useT } from './i18n'
import { useFormat } from './format'

/** Count as the server sends it: exact below the cap, otherwise "cap+" until asked. */
export interface CappedCount {
  value: number
  capped: boolean
}

/**
 * Keyset pagination: "first page", "previous" and "next" (no page numbers, no unbounded
 * COUNT), and where the page sits: "26–50 de 300" (a capped count reads "de 10.000+").
 * `prevHref`/`nextHref` are built by the page from the server's cursors; `offset` (rows before
 * this page) and `shown` (rows on it) give the range.
 */
export function KeysetPager({
  count,
  noun,
  firstHref,
  prevHref,
  nextHref,
  isFirstPage,
  exactHref,
  offset,
  shown,
}: {
  count: CappedCount | null
  noun: (n: number) => string
  firstHref: string
  prevHref?: string | null
  nextHref: string | null
  isFirstPage: boolean
  exactHref?: string
  offset?: number
  shown?: number
}) {
  const { t } = useT()
  const f = useFormat()
  const total = count ? `${f.number(count.value)}${count.capped ? '+' : ''}` : null
  const range =
    shown !== undefined && shown > 0 && total !== null
      ? t('common.range', {
          from: f.number((offset ?? 0) + 1),
          to: f.number((offset ?? 0) + shown),
          total,
        })
      : total
  return (
    <Group justify="space-between" mt="md" gap="xs">
      <Group gap="xs">
        {count && range !== null && (
          <Text
            size="sm"
            c="dimmed"
            data-testid="list-count"
          >{`${range} ${noun(count.value)}`}</Text>
        )}
        {count?.capped && exactHref && (
          <Button
            component={Link}
            href={exactHref}
            variant="subtle"
            size="compact-sm"
            preserveScroll
          >
            {t('common.count_exact')}
          </Button>
        )}
      </Group>
      <Group gap="xs">
        {!isFirstPage && (
          <Button
            component={Link}
            href={firstHref}
            variant="default"
            size="sm"
            leftSection={<IconChevronsLeft size={16} />}
          >
            {t('common.first_page')}
          </Button>
        )}
        {prevHref && (
          <Button
            component={Link}
            href={prevHref}
            variant="default"
            size="sm"
            leftSection={<IconChevronLeft size={16} />}
            data-testid="prev-page"
          >
            {t('common.prev_page')}
          </Button>
        )}
        {nextHref && (
          <Button
            component={Link}
            href={nextHref}
            variant="default"
            size="sm"
            rightSection={<IconChevronRight size={16} />}
            data-testid="next-page"
          >
            {t('common.next_page')}
          </Button>
        )}
      </Group>
    </Group>
  )
}
