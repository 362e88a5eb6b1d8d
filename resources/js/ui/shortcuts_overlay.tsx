import { useEffect, useState } from 'react'
import { Group, Kbd, Modal, Table, Text } from '@mantine/core'
import { useHotkeys } from '@mantine/hooks'
import { useT } from './i18n'
import {
  moveSelection,
  openSelectedRow,
  rememberListRows,
  submitFormOnCtrlEnter,
  TYPING_TAGS,
  usePageShortcuts,
} from './shortcuts'

/** Shortcuts that work on every page (the palette binds Ctrl+K and / itself). */
const GLOBAL = [
  { keys: ['/'], label: 'common.shortcuts.search' },
  { keys: ['Ctrl', 'K'], label: 'common.shortcuts.search' },
  { keys: ['N'], label: 'common.shortcuts.new' },
  { keys: ['J'], label: 'common.shortcuts.next' },
  { keys: ['K'], label: 'common.shortcuts.previous' },
  { keys: ['Intro'], label: 'common.shortcuts.open' },
  { keys: ['Ctrl', 'Intro'], label: 'common.shortcuts.save' },
  { keys: ['?'], label: 'common.shortcuts.help' },
  { keys: ['Esc'], label: 'common.shortcuts.close' },
]

/**
 * The keyboard layer of the signed-in shell: "?" opens the list of shortcuts, J/K move
 * through list rows (or between the records of the list a record was opened from), Enter opens
 * the selected row and Ctrl+Enter submits the form being filled in.
 */
export function KeyboardShortcuts() {
  const { t } = useT()
  const [opened, setOpened] = useState(false)
  const pageShortcuts = usePageShortcuts()
  useHotkeys(
    [
      // "?" is Shift+/ or Shift+' depending on the keyboard; some send it without Shift.
      ['shift+?', () => setOpened(true)],
      ['?', () => setOpened(true)],
      ['j', () => moveSelection(1)],
      ['k', () => moveSelection(-1)],
      ['Enter', openSelectedRow, { preventDefault: false }],
    ],
    TYPING_TAGS
  )
  useEffect(() => {
    const remember = (event: MouseEvent) => {
      if ((event.target as HTMLElement | null)?.closest?.('[data-list-row]')) rememberListRows()
    }
    document.addEventListener('keydown', submitFormOnCtrlEnter)
    document.addEventListener('click', remember, true)
    return () => {
      document.removeEventListener('keydown', submitFormOnCtrlEnter)
      document.removeEventListener('click', remember, true)
    }
  }, [])
  const keyName = (key: string) => (key === 'Intro' ? t('common.shortcuts.enter_key') : key)
  const shown = [
    ...GLOBAL,
    ...pageShortcuts.filter((s) => !GLOBAL.some((g) => g.label === s.label)),
  ]
  return (
    <Modal
      opened={opened}
      onClose={() => setOpened(false)}
      title={t('common.shortcuts.title')}
      size="lg"
      data-testid="shortcuts-overlay"
    >
      <Text size="sm" c="dimmed" mb="sm">
        {t('common.shortcuts.intro')}
      </Text>
      <Table>
        <Table.Tbody>
          {shown.map((s) => (
            <Table.Tr key={s.keys.join('+') + s.label}>
              <Table.Td w="35%">
                <Group gap={4} wrap="nowrap">
                  {s.keys.map((key, i) => (
                    <span key={key}>
                      {i > 0 && ' + '}
                      <Kbd>{keyName(key)}</Kbd>
                    </span>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{t(s.label)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  )
}
