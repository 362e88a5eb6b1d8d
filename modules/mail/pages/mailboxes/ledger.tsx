import { SimpleGrid, Stack, Table, Text } from '@mantine/core'
import { useFormat, useT } from '~/ui'
import type { FolderRowDto, LedgerCountsDto } from '../../dto/mailboxes'

/** The ledger's columns, in reading order. */
export const LEDGER_KEYS = ['onServer', 'stored', 'skipped', 'failed', 'missing'] as const

const LABEL: Record<(typeof LEDGER_KEYS)[number], string> = {
  onServer: 'on_server',
  stored: 'stored',
  skipped: 'skipped',
  failed: 'failed',
  missing: 'missing',
}

/** A count is worth a colour when it is not zero: failed (orange) and missing (red). */
function tone(key: (typeof LEDGER_KEYS)[number], value: number) {
  if (!value) return undefined
  return key === 'missing' ? 'red' : key === 'failed' ? 'orange' : undefined
}

/** A mailbox's totals: five labelled numbers, three per row on a phone. */
export function LedgerTotals({ counts }: { counts: LedgerCountsDto }) {
  const { t } = useT()
  const f = useFormat()
  return (
    <SimpleGrid cols={{ base: 3, sm: 5 }} spacing="xs" verticalSpacing="xs">
      {LEDGER_KEYS.map((key) => (
        <Stack key={key} gap={0} data-testid={`ledger-${key}`}>
          <Text size="xs" c="dimmed">
            {t(`mail.mailboxes.columns.${LABEL[key]}`)}
          </Text>
          <Text fw={600} c={tone(key, counts[key])}>
            {f.number(counts[key])}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  )
}

/** The same ledger per folder, scrolling sideways on a narrow screen. */
export function FolderTable({ folders }: { folders: FolderRowDto[] }) {
  const { t } = useT()
  const f = useFormat()
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped withTableBorder fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('mail.mailboxes.columns.folder')}</Table.Th>
            {LEDGER_KEYS.map((key) => (
              <Table.Th key={key} ta="right">
                {t(`mail.mailboxes.columns.${LABEL[key]}`)}
              </Table.Th>
            ))}
            <Table.Th>{t('mail.mailboxes.columns.last_sync')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {folders.map((folder) => (
            <Table.Tr key={folder.id}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{folder.path}</Table.Td>
              {LEDGER_KEYS.map((key) => (
                <Table.Td key={key} ta="right" c={tone(key, folder[key])}>
                  {f.number(folder[key])}
                </Table.Td>
              ))}
              <Table.Td>
                {folder.lastSyncAt
                  ? f.dateTime(folder.lastSyncAt)
                  : t('mail.mailboxes.never_synced')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
