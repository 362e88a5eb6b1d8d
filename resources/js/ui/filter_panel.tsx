import type { ReactNode } from 'react'
import { Badge, Button, Collapse, Group, Paper, SimpleGrid } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconAdjustments, IconX } from '@tabler/icons-react'
import { useT } from './i18n'
import { usePhone } from './layout_helpers'

/**
 * The list's filters: always visible on wide screens; on phones folded behind a "Filtros"
 * button that shows how many are active. The search box (`search`) stays visible; a list with
 * no search (the audit log) leaves it out.
 */
export function FilterPanel({
  search,
  children,
  active,
  onClear,
}: {
  search?: ReactNode
  children: ReactNode
  active: number
  onClear: () => void
}) {
  const { t } = useT()
  const phone = usePhone()
  const [open, { toggle }] = useDisclosure(false)
  const fields = (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="sm">
      {children}
    </SimpleGrid>
  )
  return (
    <Paper withBorder radius="md" p="sm" mb="md">
      {(search || phone) && (
        <Group gap="sm" wrap="nowrap" align="flex-end">
          {search && <div style={{ flex: 1, minWidth: 0 }}>{search}</div>}
          {phone && (
            <Button
              variant={active ? 'light' : 'default'}
              onClick={toggle}
              leftSection={<IconAdjustments size={16} />}
              aria-expanded={open}
              data-testid="toggle-filters"
              rightSection={
                active ? (
                  <Badge size="xs" circle>
                    {active}
                  </Badge>
                ) : null
              }
            >
              {t('common.filters')}
            </Button>
          )}
        </Group>
      )}
      {phone ? (
        <Collapse expanded={open}>
          <div style={{ paddingTop: 12 }}>{fields}</div>
        </Collapse>
      ) : (
        <div style={{ paddingTop: search ? 12 : 0 }}>{fields}</div>
      )}
      {active > 0 && (
        <Button
          variant="subtle"
          size="compact-sm"
          mt="xs"
          leftSection={<IconX size={14} />}
          onClick={onClear}
        >
          {t('common.clear_filters')}
        </Button>
      )}
    </Paper>
  )
}
