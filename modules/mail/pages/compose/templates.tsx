import { useState } from 'react'
import { Head, router, useForm } from '@inertiajs/react'
import { Button, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core'
import { ErrorSummary, FormFooter, PageHeader, useT } from '~/ui'
import type { MailTemplateDto } from '../../dto/compose'

/** Correo › Plantillas: the organization's mail templates, created and edited in place. */
export default function MailTemplates({
  templates,
  fields,
}: {
  templates: MailTemplateDto[]
  fields: { name: string; alias: string }[]
}) {
  const { t } = useT()
  const [editing, setEditing] = useState<MailTemplateDto | null>(null)
  const form = useForm({ name: '', subject: '', body: '' })
  const errors = form.errors as Record<string, string | undefined>

  const edit = (template: MailTemplateDto | null) => {
    setEditing(template)
    form.clearErrors()
    form.setData({
      name: template?.name ?? '',
      subject: template?.subject ?? '',
      body: template?.body ?? '',
    })
  }
  const submit = () => {
    const done = { onSuccess: () => edit(null) }
    if (editing) form.put(`/mail/templates/${editing.id}`, done)
    else form.post('/mail/templates', done)
  }
  const remove = (template: MailTemplateDto) => {
    if (window.confirm(t('mail.compose.templates.confirm_delete', { name: template.name })))
      router.delete(`/mail/templates/${template.id}`)
  }

  return (
    <>
      <Head title={t('mail.compose.templates.title')} />
      <PageHeader title={t('mail.compose.templates.title')} />
      <Text c="dimmed" mb="md">
        {t('mail.compose.templates.intro', { example: `{{${fields[0]?.name ?? ''}}}` })}
      </Text>
      <Paper withBorder p="md" mb="lg">
        <form
          onSubmit={(e) => {
            e.preventDefault()
            submit()
          }}
        >
          <Title order={2} size="h4" mb="sm">
            {editing ? t('mail.compose.templates.edit') : t('mail.compose.templates.new')}
          </Title>
          <ErrorSummary errors={form.errors} />
          <Stack>
            <TextInput
              label={t('mail.compose.templates.name')}
              value={form.data.name}
              onChange={(e) => form.setData('name', e.currentTarget.value)}
              error={errors.name}
              required
            />
            <TextInput
              label={t('mail.compose.templates.subject')}
              value={form.data.subject}
              onChange={(e) => form.setData('subject', e.currentTarget.value)}
              error={errors.subject}
              required
            />
            <Textarea
              label={t('mail.compose.templates.body')}
              description={fields.map((f) => `{{${f.name}}}`).join('  ')}
              value={form.data.body}
              onChange={(e) => form.setData('body', e.currentTarget.value)}
              error={errors.body}
              autosize
              minRows={6}
              required
            />
          </Stack>
          <FormFooter processing={form.processing} submitLabel={t('mail.compose.templates.save')}>
            {editing && (
              <Button variant="default" onClick={() => edit(null)}>
                {t('mail.compose.cancel')}
              </Button>
            )}
          </FormFooter>
        </form>
      </Paper>
      {templates.length === 0 ? (
        <Text c="dimmed">{t('mail.compose.templates.empty')}</Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} style={{ listStyle: 'none' }}>
          {templates.map((template) => (
            <Paper component="li" key={template.id} withBorder p="sm">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Text fw={600}>{template.name}</Text>
                  <Text size="sm" c="dimmed" truncate>
                    {template.subject}
                  </Text>
                </div>
                <Group gap="xs">
                  <Button size="xs" variant="default" onClick={() => edit(template)}>
                    {t('mail.compose.templates.edit')}
                  </Button>
                  <Button size="xs" color="red" variant="light" onClick={() => remove(template)}>
                    {t('mail.compose.templates.delete')}
                  </Button>
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </>
  )
}
