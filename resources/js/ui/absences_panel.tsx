import { useEffect, useState } from 'react'
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconTrash } from '@tabler/icons-react'
import { apiJson } from './api'
import { useT } from './i18n'
import { useFormat } from './format'

interface Absence {
  id: number
  startsOn: string
  endsOn: string
  reason: string | null
  source: 'manual' | 'hr'
  past: boolean
}

/**
 * "Ausencias": a user's periods away (holidays, leave) — work handed out automatically skips
 * them. `url` is the JSON endpoint: `/profile/absences` for oneself, `/admin/users/:id/absences`
 * in the administration. Its own requests, so it can sit beside (not inside) another form.
 */
export function AbsencesPanel({ url }: { url: string }) {
  const { t } = useT()
  const f = useFormat()
  const [absences, setAbsences] = useState<Absence[] | null>(null)
  const [startsOn, setStartsOn] = useState('')
  const [endsOn, setEndsOn] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    apiJson<{ absences: Absence[] }>('GET', url).then((r) => setAbsences(r.body.absences ?? []))
  }, [url])

  const add = async () => {
    setSaving(true)
    const r = await apiJson<{ absences: Absence[] }>('POST', url, {
      startsOn,
      endsOn: endsOn || startsOn,
      reason: reason || undefined,
    })
    setSaving(false)
    if (!r.ok) {
      const bag: Record<string, string> = {}
      for (const e of r.body.errors ?? []) bag[e.field ?? 'form'] = e.message
      setErrors(Object.keys(bag).length ? bag : { form: t('absences.failed') })
      return
    }
    setErrors({})
    setStartsOn('')
    setEndsOn('')
    setReason('')
    setAbsences(r.body.absences)
  }

  const remove = async (id: number) => {
    const r = await apiJson<{ absences: Absence[] }>('DELETE', `${url}/${id}`)
    if (r.ok) setAbsences(r.body.absences)
  }

  return (
    <Paper withBorder p="md" radius="md" id="absences">
      <Stack gap="sm">
        <Title order={4}>{t('absences.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('absences.help')}
        </Text>
        {absences !== null && absences.length === 0 && <Text size="sm">{t('absences.empty')}</Text>}
        <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {(absences ?? []).map((a) => (
            <Group key={a.id} component="li" justify="space-between" wrap="nowrap">
              <Group gap="xs">
                <Text size="sm" c={a.past ? 'dimmed' : undefined}>
                  {a.startsOn === a.endsOn
                    ? f.date(a.startsOn)
                    : t('absences.range', { from: f.date(a.startsOn), to: f.date(a.endsOn) })}
                  {a.reason ? ` · ${a.reason}` : ''}
                </Text>
                {a.source === 'hr' && <Badge variant="light">{t('absences.from_hr')}</Badge>}
              </Group>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('absences.remove', { from: f.date(a.startsOn) })}
                onClick={() => remove(a.id)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
        {errors.form && (
          <Alert color="red" role="alert">
            {errors.form}
          </Alert>
        )}
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            type="date"
            label={t('absences.starts_on')}
            value={startsOn}
            onChange={(e) => setStartsOn(e.currentTarget.value)}
            error={errors.startsOn}
            required
          />
          <TextInput
            type="date"
            label={t('absences.ends_on')}
            value={endsOn}
            min={startsOn || undefined}
            onChange={(e) => setEndsOn(e.currentTarget.value)}
            error={errors.endsOn}
          />
          <TextInput
            label={t('absences.reason')}
            value={reason}
            maxLength={200}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
          />
        </Group>
        <Button w="fit-content" onClick={add} loading={saving} disabled={!startsOn}>
          {t('absences.add')}
        </Button>
      </Stack>
    </Paper>
  )
}
