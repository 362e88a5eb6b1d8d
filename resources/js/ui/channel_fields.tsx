import {
  ActionIcon,
  Autocomplete,
  Button,
  Grid,
  Paper,
  Radio,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useT } from './i18n'
import { formatPhone } from './phone'
import type { EmailValue, PhoneValue } from './record_types'

type Errors = Record<string, string | undefined>

const PHONE_LABELS = ['oficina', 'movil', 'centralita', 'fax']
const EMAIL_LABELS = ['general', 'facturacion', 'pedidos', 'personal']

/**
 * Repeatable phones or e-mails: label (with suggestions), value, and which one is primary.
 * Server errors arrive keyed by path (phones.0.number) and show under their input.
 */
export function ChannelFields<T extends PhoneValue | EmailValue>({
  kind,
  items,
  onChange,
  errors,
}: {
  kind: 'phones' | 'emails'
  items: T[]
  onChange: (items: T[]) => void
  errors: Errors
}) {
  const { t } = useT()
  // On phones label and value stack; a frame keeps each pair visibly together.
  const stacked = useMediaQuery('(max-width: 36em)')
  const valueKey = kind === 'phones' ? 'number' : 'address'
  const suggestions = (kind === 'phones' ? PHONE_LABELS : EMAIL_LABELS).map((k) =>
    t(`ui.channel.${kind === 'phones' ? 'phone' : 'email'}_labels.${k}`)
  )
  const update = (index: number, patch: Partial<T>) =>
    onChange(items.map((item, i) => (i === index ? { ...item, ...patch } : item)))
  const setPrimary = (index: number) =>
    onChange(items.map((item, i) => ({ ...item, primary: i === index })))
  const add = () =>
    onChange([...items, { label: '', [valueKey]: '', primary: items.length === 0 } as unknown as T])
  const remove = (index: number) => {
    const rest = items.filter((_, i) => i !== index)
    if (rest.length && !rest.some((r) => r.primary)) rest[0] = { ...rest[0], primary: true }
    onChange(rest)
  }

  return (
    <Stack gap="xs">
      {items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t(kind === 'phones' ? 'ui.channel.no_phones' : 'ui.channel.no_emails')}
        </Text>
      )}
      {items.map((item, i) => (
        <Paper key={i} withBorder={!!stacked} p={stacked ? 'xs' : 0} radius="sm" bg="transparent">
          <Grid gap="xs" align="flex-start">
            <Grid.Col span={{ base: 12, xs: 4 }}>
              <Autocomplete
                aria-label={t('ui.channel.label')}
                placeholder={t('ui.channel.label')}
                data={suggestions}
                value={item.label}
                onChange={(v) => update(i, { label: v } as Partial<T>)}
                error={errors[`${kind}.${i}.label`]}
              />
            </Grid.Col>
            <Grid.Col
              span={{ base: 12, xs: 8 }}
              style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}
            >
              <TextInput
                style={{ flex: 1, minWidth: 0 }}
                aria-label={t(kind === 'phones' ? 'ui.channel.number' : 'ui.channel.address')}
                placeholder={kind === 'phones' ? '612 34 56 78' : 'nombre@empresa.es'}
                type={kind === 'phones' ? 'tel' : 'email'}
                value={(item as any)[valueKey]}
                onChange={(e) => update(i, { [valueKey]: e.currentTarget.value } as Partial<T>)}
                onBlur={
                  kind === 'phones'
                    ? () =>
                        update(i, {
                          number: formatPhone((item as PhoneValue).number),
                        } as unknown as Partial<T>)
                    : undefined
                }
                error={errors[`${kind}.${i}.${valueKey}`]}
                data-testid={`${kind}-${i}`}
              />
              <Tooltip label={t('ui.channel.primary')}>
                <Radio
                  mt={8}
                  aria-label={t('ui.channel.primary')}
                  checked={item.primary}
                  onChange={() => setPrimary(i)}
                />
              </Tooltip>
              <ActionIcon
                variant="subtle"
                color="red"
                mt={4}
                aria-label={t('ui.channel.remove')}
                onClick={() => remove(i)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Grid.Col>
          </Grid>
        </Paper>
      ))}
      {errors[kind] && (
        <Text size="xs" c="red">
          {errors[kind]}
        </Text>
      )}
      <Button
        variant="light"
        size="xs"
        w="fit-content"
        leftSection={<IconPlus size={14} />}
        onClick={add}
        disabled={items.length >= 10}
      >
        {t(kind === 'phones' ? 'ui.channel.add_phone' : 'ui.channel.add_email')}
      </Button>
    </Stack>
  )
}
