import { ActionIcon, Button, Grid, Paper, Select, Stack, Text, TextInput } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useT } from './i18n'
import type { AddressValue, Option } from './record_types'

/**
 * Repeatable postal addresses. A Spanish address picks one of the 52 provinces; a foreign
 * one (another country code) takes any region as text. `kinds` are the page's address kinds
 * with their labels; a new address takes the first kind, later ones the second (fiscal, then
 * shipping), unless `newKind` says otherwise. Server errors are keyed `addresses.<i>.<field>`.
 */
export function AddressFields({
  items,
  onChange,
  errors,
  kinds,
  provinces,
  newKind = (count) => (kinds[count ? 1 : 0] ?? kinds[0])?.value ?? '',
}: {
  items: AddressValue[]
  onChange: (items: AddressValue[]) => void
  errors: Record<string, string | undefined>
  kinds: Option[]
  provinces: string[]
  /** The kind of a new address, given how many there are already. */
  newKind?: (count: number) => string
}) {
  const { t } = useT()
  const update = (index: number, patch: Partial<AddressValue>) =>
    onChange(items.map((a, i) => (i === index ? { ...a, ...patch } : a)))
  const add = () =>
    onChange([
      ...items,
      {
        kind: newKind(items.length),
        street: '',
        postalCode: '',
        city: '',
        province: '',
        country: 'ES',
      },
    ])
  const err = (i: number, field: string) => errors[`addresses.${i}.${field}`]

  return (
    <Stack gap="sm">
      {items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('ui.address.no_addresses')}
        </Text>
      )}
      {items.map((a, i) => (
        <Paper key={i} withBorder p="sm" radius="sm">
          <Grid gap="xs">
            <Grid.Col span={{ base: 10, sm: 3 }} order={1}>
              <Select
                label={t('ui.address.kind')}
                data={kinds}
                value={a.kind}
                onChange={(v) => v && update(i, { kind: v })}
                allowDeselect={false}
                error={err(i, 'kind')}
              />
            </Grid.Col>
            <Grid.Col
              span={{ base: 2, sm: 1 }}
              order={{ base: 2, sm: 3 }}
              style={{ display: 'flex', justifyContent: 'flex-end' }}
            >
              <ActionIcon
                variant="subtle"
                color="red"
                mt={26}
                aria-label={t('ui.address.remove')}
                onClick={() => onChange(items.filter((_, k) => k !== i))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }} order={{ base: 3, sm: 2 }}>
              <TextInput
                label={t('ui.address.street')}
                value={a.street}
                onChange={(e) => update(i, { street: e.currentTarget.value })}
                error={err(i, 'street')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 5, sm: 2 }} order={4}>
              <TextInput
                label={t('ui.address.postal_code')}
                value={a.postalCode}
                onChange={(e) => update(i, { postalCode: e.currentTarget.value })}
                error={err(i, 'postalCode')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 7, sm: 4 }} order={5}>
              <TextInput
                label={t('ui.address.city')}
                value={a.city}
                onChange={(e) => update(i, { city: e.currentTarget.value })}
                error={err(i, 'city')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 8, sm: 4 }} order={6}>
              {a.country === 'ES' ? (
                <Select
                  label={t('ui.address.province')}
                  data={provinces}
                  value={a.province || null}
                  searchable
                  clearable
                  onChange={(v) => update(i, { province: v ?? '' })}
                  error={err(i, 'province')}
                />
              ) : (
                <TextInput
                  label={t('ui.address.province')}
                  value={a.province}
                  onChange={(e) => update(i, { province: e.currentTarget.value })}
                  error={err(i, 'province')}
                />
              )}
            </Grid.Col>
            <Grid.Col span={{ base: 4, sm: 2 }} order={7}>
              <TextInput
                label={t('ui.address.country')}
                maxLength={2}
                value={a.country}
                onChange={(e) =>
                  update(i, { country: e.currentTarget.value.toUpperCase(), province: '' })
                }
                error={err(i, 'country')}
              />
            </Grid.Col>
          </Grid>
        </Paper>
      ))}
      <Button
        variant="light"
        size="xs"
        w="fit-content"
        leftSection={<IconPlus size={14} />}
        onClick={add}
        disabled={items.length >= 10}
      >
        {t('ui.address.add_address')}
      </Button>
    </Stack>
  )
}
