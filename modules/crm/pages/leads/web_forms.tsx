import { useState } from 'react'
import { Head, useForm } from '@inertiajs/react'
import {
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { EmptyState, PageHeader, useT, type Option } from '~/ui'
import type { WebFormDto } from '../../dto/leads'

/** The HTML a website pastes: a plain form (works without JS) plus an optional fetch script. */
function snippet(form: WebFormDto, honeypot: string, label: (f: string) => string, send: string) {
  const inputs = form.fields
    .map((f) => {
      const type = f === 'email' ? 'email' : f === 'phone' ? 'tel' : 'text'
      const input =
        f === 'description'
          ? `<textarea name="${f}"></textarea>`
          : `<input type="${type}" name="${f}"${f === 'title' ? ' required' : ''}>`
      return `  <label>${label(f)}<br>${input}</label><br>`
    })
    .join('\n')
  return `<form method="post" action="${form.actionUrl}" data-cartera-form>
${inputs}
  <!-- Leave empty: bots fill it in -->
  <div style="position:absolute;left:-9999px" aria-hidden="true"><input name="${honeypot}" tabindex="-1" autocomplete="off"></div>
  <button type="submit">${send}</button>
</form>
<script>
document.querySelectorAll('form[data-cartera-form]').forEach(function (f) {
  f.addEventListener('submit', function (e) {
    e.preventDefault()
    fetch(f.action, { method: 'POST', body: new FormData(f), headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json() })
      .then(function (d) { f.innerHTML = '<p role="status">' + (d.message || (d.errors || []).map(function (x) { return x.message }).join('<br>')) + '</p>' })
  })
})
</script>`
}

interface FormValues {
  name: string
  defaultSource: string
  teamId: string
  fields: string[]
  thankYouText: string
  redirectUrl: string
  active: boolean
}

export default function WebForms({
  forms,
  teams,
  sources,
  fields,
  honeypot,
}: {
  forms: WebFormDto[]
  teams: Option[]
  sources: Option[]
  fields: string[]
  honeypot: string
}) {
  const { t } = useT()
  const [editing, setEditing] = useState<WebFormDto | 'new' | null>(null)
  const [shown, setShown] = useState<WebFormDto | null>(null)
  const label = (f: string) => t(`crm.leads.fields.${f}`)
  const w = (key: string) => t(`crm.web_forms.${key}`)
  const form = useForm<FormValues>({
    name: '',
    defaultSource: 'web',
    teamId: '',
    fields: ['title', 'firstName', 'email', 'phone', 'description'],
    thankYouText: '',
    redirectUrl: '',
    active: true,
  })
  const open = (f: WebFormDto | 'new') => {
    form.clearErrors()
    form.setData(
      f === 'new'
        ? { ...form.data, name: '', active: true }
        : {
            name: f.name,
            defaultSource: f.defaultSource ?? '',
            teamId: f.teamId ? String(f.teamId) : '',
            fields: f.fields,
            thankYouText: f.thankYouText ?? '',
            redirectUrl: f.redirectUrl ?? '',
            active: f.active,
          }
    )
    setEditing(f)
  }
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    form.transform((d) => ({
      ...d,
      defaultSource: d.defaultSource || undefined,
      teamId: d.teamId ? Number(d.teamId) : null,
      thankYouText: d.thankYouText || undefined,
      redirectUrl: d.redirectUrl || undefined,
    }))
    const done = { onSuccess: () => setEditing(null) }
    if (editing === 'new') form.post('/crm/web-forms', done)
    else if (editing) form.put(`/crm/web-forms/${editing.id}`, done)
  }
  const newButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => open('new')}>
      {w('new')}
    </Button>
  )
  const code = shown ? snippet(shown, honeypot, label, w('submit')) : ''

  return (
    <>
      <Head title={w('title')} />
      <PageHeader title={w('title')} actions={newButton} />
      {forms.length === 0 ? (
        <EmptyState
          title={w('empty_title')}
          description={w('empty_description')}
          action={newButton}
        />
      ) : (
        <Stack gap="sm">
          {forms.map((f) => (
            <Paper key={f.id} withBorder radius="md" p="md" data-testid="web-form">
              <Group justify="space-between" wrap="wrap">
                <div>
                  <Group gap="xs">
                    <Text fw={600}>{f.name}</Text>
                    {!f.active && <Badge color="gray">{w('inactive')}</Badge>}
                  </Group>
                  <Text size="sm" c="dimmed">
                    {w('submissions')}: {f.submissions} · {w('spam')}: {f.spamCaught}
                  </Text>
                </div>
                <Group gap="xs">
                  <Button variant="default" size="xs" onClick={() => setShown(f)}>
                    {w('show_snippet')}
                  </Button>
                  <Button variant="default" size="xs" onClick={() => open(f)}>
                    {t('common.edit')}
                  </Button>
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? w('new') : w('edit')}
        size="lg"
      >
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput
              label={w('name')}
              required
              value={form.data.name}
              onChange={(e) => form.setData('name', e.currentTarget.value)}
              error={form.errors.name}
            />
            <Group grow>
              <Select
                label={w('default_source')}
                data={sources}
                clearable
                value={form.data.defaultSource || null}
                onChange={(v) => form.setData('defaultSource', v ?? '')}
                error={form.errors.defaultSource}
              />
              <Select
                label={w('team')}
                data={teams}
                clearable
                value={form.data.teamId || null}
                onChange={(v) => form.setData('teamId', v ?? '')}
                error={form.errors.teamId}
              />
            </Group>
            <MultiSelect
              label={w('fields')}
              data={fields.map((f) => ({ value: f, label: label(f) }))}
              value={form.data.fields}
              onChange={(v) => form.setData('fields', v)}
              error={form.errors.fields}
            />
            <Textarea
              label={w('thank_you_text')}
              autosize
              minRows={2}
              value={form.data.thankYouText}
              onChange={(e) => form.setData('thankYouText', e.currentTarget.value)}
              error={form.errors.thankYouText}
            />
            <TextInput
              label={w('redirect_url')}
              placeholder="https://"
              value={form.data.redirectUrl}
              onChange={(e) => form.setData('redirectUrl', e.currentTarget.value)}
              error={form.errors.redirectUrl}
            />
            <Switch
              label={w('active')}
              checked={form.data.active}
              onChange={(e) => form.setData('active', e.currentTarget.checked)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setEditing(null)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={form.processing}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <Modal opened={shown !== null} onClose={() => setShown(null)} title={w('snippet')} size="xl">
        <Stack gap="sm">
          <Text size="sm">{w('snippet_help')}</Text>
          <Code
            block
            style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
            data-testid="snippet"
          >
            {code}
          </Code>
          <CopyButton value={code}>
            {({ copied, copy }) => (
              <Button onClick={copy} variant={copied ? 'light' : 'filled'}>
                {copied ? w('copied') : w('copy')}
              </Button>
            )}
          </CopyButton>
        </Stack>
      </Modal>
    </>
  )
}
