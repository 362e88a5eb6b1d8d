import { useState } from 'react'
import { ActionIcon, Button, Checkbox, Group, Popover, Stack, Text } from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react'
import { useT } from '../i18n'

/**
 * "Columnas": a checkbox per column (shown or not) and, for the shown ones, "up"/"down"
 * buttons that move them. `onChange` receives the shown keys in their new order.
 */
export function ColumnsMenu({
  columns,
  shown,
  onChange,
}: {
  columns: { key: string; label: string }[]
  shown: string[]
  onChange: (shown: string[]) => void
}) {
  const { t } = useT()
  // What was chosen shows at once; the URL (and so `shown`) follows a moment later.
  const [local, setLocal] = useState(shown)
  const [seen, setSeen] = useState(shown)
  if (seen.join() !== shown.join()) {
    setSeen(shown)
    setLocal(shown)
  }
  const change = (keys: string[]) => {
    setLocal(keys)
    onChange(keys)
  }
  const labels = new Map(columns.map((c) => [c.key, c.label]))
  const hidden = columns.filter((c) => !local.includes(c.key)).map((c) => c.key)
  const move = (key: string, by: number) => {
    const list = [...local]
    const at = list.indexOf(key)
    const to = at + by
    if (to < 0 || to >= list.length) return
    ;[list[at], list[to]] = [list[to], list[at]]
    change(list)
  }
  return (
    <Popover position="bottom-end" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Button variant="default" size="xs" leftSection={<IconColumns size={14} />}>
          {t('list.columns')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="columns-menu">
        <Stack gap={6} miw={240}>
          <Text size="xs" c="dimmed">
            {t('list.columns_help')}
          </Text>
          {[...local, ...hidden].map((key, index) => {
            const label = labels.get(key) ?? key
            const visible = local.includes(key)
            return (
              <Group key={key} gap={4} justify="space-between" wrap="nowrap">
                <Checkbox
                  label={label}
                  checked={visible}
                  disabled={visible && local.length === 1}
                  onChange={(e) =>
                    change(
                      e.currentTarget.checked ? [...local, key] : local.filter((k) => k !== key)
                    )
                  }
                />
                {visible && (
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={t('list.move_up', { label })}
                      disabled={index === 0}
                      onClick={() => move(key, -1)}
                    >
                      <IconArrowUp size={14} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={t('list.move_down', { label })}
                      disabled={index === local.length - 1}
                      onClick={() => move(key, 1)}
                    >
                      <IconArrowDown size={14} />
                    </ActionIcon>
                  </Group>
                )}
              </Group>
            )
          })}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
