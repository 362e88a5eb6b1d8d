import { Fragment } from 'react'
import {
  Badge,
  Card,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core'
import { useT, usePhone } from '~/ui'

export interface CatalogModule {
  name: string
  label: string
  installed: boolean
  /** `actionLabels`: i18n key of each action's label (module actions are labelled by the module). */
  resources: {
    key: string
    label: string
    actions: string[]
    actionLabels?: Record<string, string>
  }[]
  extras: { key: string; label: string }[]
}

export interface MatrixValue {
  permissions: string[]
  scopes: Record<string, string>
}

const ACTION_ORDER = ['view', 'create', 'edit', 'delete', 'export']

/**
 * The permission × scope matrix of a role. Wide screens: one table per module, resources as
 * rows and actions as columns. Phones: one card per resource, so nothing needs side-scrolling.
 */
export function PermissionMatrix({
  catalog,
  scopes,
  value,
  onChange,
  disabled,
}: {
  catalog: CatalogModule[]
  scopes: string[]
  value: MatrixValue
  onChange: (value: MatrixValue) => void
  disabled?: boolean
}) {
  const { t } = useT()
  const phone = usePhone()
  const granted = new Set(value.permissions)
  const toggle = (key: string, on: boolean) => {
    const next = new Set(granted)
    if (on) next.add(key)
    else next.delete(key)
    onChange({ ...value, permissions: [...next].sort() })
  }
  const setScope = (resource: string, scope: string) =>
    onChange({ ...value, scopes: { ...value.scopes, [resource]: scope } })
  const scopeData = scopes.map((s) => ({ value: s, label: t(`permissions.scopes.${s}`) }))
  // Keys a module forgot to translate show as the technical name rather than as a raw key.
  const label = (key: string, fallback: string) => (t(key) === key ? fallback : t(key))
  const actionLabel = (a: string, labels?: Record<string, string>) =>
    label(labels?.[a] ?? `permissions.actions.${a}`, a)

  if (catalog.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {t('admin.roles.matrix.empty')}
      </Text>
    )

  return (
    <Stack gap="lg">
      {catalog.map((module) => {
        const actions = [...new Set(module.resources.flatMap((r) => r.actions))].sort(
          (a, b) => (ACTION_ORDER.indexOf(a) + 1 || 99) - (ACTION_ORDER.indexOf(b) + 1 || 99)
        )
        // A column's label: the first resource's that has the action.
        const columnLabels = Object.assign(
          {},
          ...module.resources.map((r) => r.actionLabels ?? {}).reverse()
        ) as Record<string, string>
        const scopeSelect = (resource: string) => (
          <Select
            aria-label={`${t('admin.roles.matrix.scope')} · ${resource}`}
            data={scopeData}
            value={value.scopes[resource] ?? 'own'}
            onChange={(v) => v && setScope(resource, v)}
            allowDeselect={false}
            disabled={disabled}
            size="xs"
            w={phone ? '100%' : 140}
          />
        )
        return (
          <Stack key={module.name} gap="xs">
            <Group gap="xs">
              <Title order={5}>{label(module.label, module.name)}</Title>
              {!module.installed && (
                <Tooltip label={t('admin.roles.matrix.not_installed_help')} multiline w={260}>
                  <Badge color="gray" variant="light" tt="none">
                    {t('admin.roles.matrix.not_installed')}
                  </Badge>
                </Tooltip>
              )}
            </Group>
            {phone ? (
              module.resources.map((r) => (
                <Card key={r.key} withBorder padding="sm" radius="md">
                  <Text fw={600} mb={6}>
                    {label(r.label, r.key)}
                  </Text>
                  <Group gap="md" mb="xs">
                    {r.actions.map((a) => (
                      <Checkbox
                        key={a}
                        label={actionLabel(a, r.actionLabels)}
                        checked={granted.has(`${r.key}.${a}`)}
                        onChange={(e) => toggle(`${r.key}.${a}`, e.currentTarget.checked)}
                        disabled={disabled}
                      />
                    ))}
                  </Group>
                  <Text size="xs" c="dimmed" mb={4}>
                    {t('admin.roles.matrix.scope')}
                  </Text>
                  {scopeSelect(r.key)}
                </Card>
              ))
            ) : (
              <Table withTableBorder verticalSpacing={6} striped="even">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('admin.roles.matrix.resource')}</Table.Th>
                    {actions.map((a) => (
                      <Table.Th key={a} ta="center" w={90}>
                        {actionLabel(a, columnLabels)}
                      </Table.Th>
                    ))}
                    <Table.Th w={160}>{t('admin.roles.matrix.scope')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {module.resources.map((r) => (
                    <Table.Tr key={r.key}>
                      <Table.Td>{label(r.label, r.key)}</Table.Td>
                      {actions.map((a) => (
                        <Table.Td key={a} ta="center">
                          {r.actions.includes(a) && (
                            <Checkbox
                              aria-label={`${label(r.label, r.key)} · ${actionLabel(a, r.actionLabels)}`}
                              checked={granted.has(`${r.key}.${a}`)}
                              onChange={(e) => toggle(`${r.key}.${a}`, e.currentTarget.checked)}
                              disabled={disabled}
                              style={{ display: 'inline-block' }}
                            />
                          )}
                        </Table.Td>
                      ))}
                      <Table.Td>{scopeSelect(r.key)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {module.extras.length > 0 && (
              <Fragment>
                <Text size="sm" fw={500} mt={4}>
                  {t('admin.roles.matrix.extras')}
                </Text>
                <Group gap="md">
                  {module.extras.map((p) => (
                    <Checkbox
                      key={p.key}
                      label={label(p.label, p.key)}
                      checked={granted.has(p.key)}
                      onChange={(e) => toggle(p.key, e.currentTarget.checked)}
                      disabled={disabled}
                    />
                  ))}
                </Group>
              </Fragment>
            )}
          </Stack>
        )
      })}
    </Stack>
  )
}
