import { Button, Menu } from '@mantine/core'
import {
  IconChevronDown,
  IconDownload,
  IconFileSpreadsheet,
  IconFileText,
} from '@tabler/icons-react'
import { useT } from './i18n'

/** Pressing keeps the focus where it is (see ExportMenu). */
const keepFocus = (e: { preventDefault: () => void }) => e.preventDefault()

/**
 * "Exportar ▾" with "Exportar CSV" and "Exportar XLSX": one button, so a list's header still fits
 * at 375 px. The links must be built from the page's props (the filters that produced the rows
 * on screen), never from the filter boxes. Neither the button nor the items take the focus: a
 * search box with text not yet applied would blur, apply its text and reload the list while the
 * download left with the old filters, and the file would not match the list.
 */
export function ExportMenu({ csvHref, xlsxHref }: { csvHref: string; xlsxHref: string }) {
  const { t } = useT()
  return (
    <Menu position="bottom-start" trapFocus={false} returnFocus={false} withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
          data-testid="export"
          onMouseDown={keepFocus}
        >
          {t('common.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          component="a"
          href={csvHref}
          leftSection={<IconFileText size={16} />}
          data-testid="export-csv"
          onMouseDown={keepFocus}
        >
          {t('common.export_csv')}
        </Menu.Item>
        <Menu.Item
          component="a"
          href={xlsxHref}
          leftSection={<IconFileSpreadsheet size={16} />}
          data-testid="export-xlsx"
          onMouseDown={keepFocus}
        >
          {t('common.export_xlsx')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
